"""Accounts and sessions (auth service): register, verify, sign in, refresh, profile, personal data."""

from __future__ import annotations

from fastapi import APIRouter, Response, status

from cityfix_contracts.commands.auth import (
    ChangePassword,
    ConfirmPasswordReset,
    DeleteMyAccount,
    ExportMyData,
    GetJwks,
    GetMe,
    Jwks,
    Login,
    Logout,
    PersonalData,
    RefreshTokens,
    RegisterCitizen,
    RequestPasswordReset,
    TokenPair,
    UpdateMe,
    UserView,
    VerifyEmail,
)

from ..deps import Ctx, CurrentUser, Rpc

router = APIRouter(prefix="/auth", tags=["auth"])


@router.post(
    "/register", status_code=status.HTTP_201_CREATED, response_model=UserView, operation_id="auth-register"
)
async def register(body: RegisterCitizen, rpc: Rpc, ctx: Ctx) -> UserView:
    """Create a citizen account; a verification email follows. Unverified citizens may already report."""
    user: UserView = await rpc.call(body, ctx)
    return user


@router.post("/verify-email", response_model=UserView, operation_id="auth-verify-email")
async def verify_email(body: VerifyEmail, rpc: Rpc, ctx: Ctx) -> UserView:
    """Confirm an email address with the token from the verification email."""
    user: UserView = await rpc.call(body, ctx)
    return user


@router.post("/login", response_model=TokenPair, operation_id="auth-login")
async def login(body: Login, rpc: Rpc, ctx: Ctx) -> Response:
    """Sign in: a short-lived access token and a rotating refresh token."""
    # Every sign-in passes here: the auth service's TokenPair goes out as the JSON it sent, not validated
    # and serialized twice more (response_model above still documents it).
    return Response(await rpc.call_json(body, ctx), media_type="application/json")


@router.post("/refresh", response_model=TokenPair, operation_id="auth-refresh")
async def refresh(body: RefreshTokens, rpc: Rpc, ctx: Ctx) -> TokenPair:
    """Exchange a refresh token for a new pair. A refresh token works once; reusing one ends the session."""
    pair: TokenPair = await rpc.call(body, ctx)
    return pair


@router.post("/logout", status_code=status.HTTP_204_NO_CONTENT, operation_id="auth-logout")
async def logout(body: Logout, rpc: Rpc, ctx: Ctx) -> Response:
    """End the session this refresh token belongs to."""
    await rpc.call(body, ctx)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/me", response_model=UserView, operation_id="auth-me")
async def me(user: CurrentUser, rpc: Rpc, ctx: Ctx) -> UserView:
    """The signed-in user."""
    view: UserView = await rpc.call(GetMe(), ctx)
    return view


@router.patch("/me", response_model=UserView, operation_id="auth-update-me")
async def update_me(body: UpdateMe, user: CurrentUser, rpc: Rpc, ctx: Ctx) -> UserView:
    """Change your name, language or phone number."""
    view: UserView = await rpc.call(body, ctx)
    return view


@router.get("/me/export", response_model=PersonalData, operation_id="auth-export")
async def export_my_data(user: CurrentUser, rpc: Rpc, ctx: Ctx) -> PersonalData:
    """Everything CityFix holds about you, as JSON."""
    data: PersonalData = await rpc.call(ExportMyData(), ctx)
    return data


@router.delete("/me", status_code=status.HTTP_204_NO_CONTENT, operation_id="auth-delete-me")
async def delete_me(user: CurrentUser, rpc: Rpc, ctx: Ctx) -> Response:
    """Delete your account. Your reports stay, without anything that identifies you."""
    await rpc.call(DeleteMyAccount(), ctx)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/password-reset", status_code=status.HTTP_202_ACCEPTED, operation_id="auth-password-reset")
async def password_reset(body: RequestPasswordReset, rpc: Rpc, ctx: Ctx) -> dict[str, str]:
    """Ask for a password reset link. The answer is the same whether or not the account exists."""
    await rpc.call(body, ctx)
    return {"message": "If an account exists for this address, a reset link is on its way."}


@router.post(
    "/password-reset/confirm",
    status_code=status.HTTP_204_NO_CONTENT,
    operation_id="auth-password-reset-confirm",
)
async def confirm_password_reset(body: ConfirmPasswordReset, rpc: Rpc, ctx: Ctx) -> Response:
    """Set a new password with the token from the reset email (single use, expiring)."""
    await rpc.call(body, ctx)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/change-password", status_code=status.HTTP_204_NO_CONTENT, operation_id="auth-change-password")
async def change_password(body: ChangePassword, user: CurrentUser, rpc: Rpc, ctx: Ctx) -> Response:
    """Change your password (the current one is required)."""
    await rpc.call(body, ctx)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/jwks.json", response_model=Jwks, operation_id="auth-jwks")
async def jwks(rpc: Rpc, ctx: Ctx) -> Jwks:
    """The public keys access tokens are signed with (EdDSA)."""
    keys: Jwks = await rpc.call(GetJwks(), ctx)
    return keys
