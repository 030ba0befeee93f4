import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { StrictMode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';

import { LoginForm } from '@/features/auth/components/login-form';
import { RegisterForm } from '@/features/auth/components/register-form';
import { ResetPassword } from '@/features/auth/components/reset-password';
import { VerifyEmail } from '@/features/auth/components/verify-email';
import { I18nProvider } from '@/lib/i18n';
import { readRefreshToken, resetSessionForTests } from '@/lib/session';
import { buildTokenPair, buildUser } from '@/testing/fixtures';
import { errorResponse, jsonResponse, mockApi, renderWithProviders } from '@/testing/test-utils';

afterEach(() => {
  resetSessionForTests();
  window.localStorage.clear();
});

describe('LoginForm', () => {
  it('shows the API message when the credentials are refused', async () => {
    mockApi({
      'POST /api/v1/auth/login': () =>
        errorResponse(401, 'invalid_credentials', 'The email or the password is not right.'),
    });
    renderWithProviders(<LoginForm />, { route: '/login' });
    const user = userEvent.setup();

    await user.type(screen.getByLabelText('Email'), 'ada@example.org');
    await user.type(screen.getByLabelText('Password'), 'wrong password');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('The email or the password is not right.');
    expect(readRefreshToken()).toBeNull();
  });

  it('keeps the refresh token and goes to the page it came from', async () => {
    mockApi({ 'POST /api/v1/auth/login': () => jsonResponse(buildTokenPair('access-1', 'refresh-1')) });
    renderWithProviders(<LoginForm />, { route: '/login?next=/tickets/t1', path: '/login' });
    const user = userEvent.setup();

    await user.type(screen.getByLabelText('Email'), 'ada@example.org');
    await user.type(screen.getByLabelText('Password'), 'correct horse');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByText('elsewhere')).toBeInTheDocument();
    expect(readRefreshToken()).toBe('refresh-1');
  });

  it('explains an ended session', () => {
    renderWithProviders(<LoginForm />, { route: '/login?expired=1' });
    expect(screen.getByRole('status')).toHaveTextContent('Your session has ended. Please sign in again.');
  });
});

describe('RegisterForm', () => {
  it('registers with the chosen language and says to check the inbox', async () => {
    const { requests } = mockApi({
      'POST /api/v1/auth/register': () => jsonResponse(buildUser({ email: 'ada@example.org', email_verified: false }), 201),
    });
    renderWithProviders(<RegisterForm />);
    const user = userEvent.setup();

    await user.type(screen.getByLabelText('Full name'), ' Ada Citizen ');
    await user.type(screen.getByLabelText('Email'), 'ada@example.org');
    await user.type(screen.getByLabelText('Password'), 'correct horse');
    await user.click(screen.getByRole('button', { name: 'Create account' }));

    expect(await screen.findByRole('status')).toHaveTextContent('we sent a link to ada@example.org');
    expect(await requests[0]?.json()).toEqual({
      full_name: 'Ada Citizen',
      email: 'ada@example.org',
      password: 'correct horse',
      locale: 'en',
    });
  });

  it('shows the problem the server found beside its field', async () => {
    mockApi({
      'POST /api/v1/auth/register': () =>
        errorResponse(422, 'validation_failed', 'Some fields are missing or not valid; see details.', {
          fields: [{ field: 'password', problem: 'This password is too common.' }],
        }),
    });
    renderWithProviders(<RegisterForm />);
    const user = userEvent.setup();

    await user.type(screen.getByLabelText('Full name'), 'Ada');
    await user.type(screen.getByLabelText('Email'), 'ada@example.org');
    await user.type(screen.getByLabelText('Password'), 'password1');
    await user.click(screen.getByRole('button', { name: 'Create account' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Some fields are missing or not valid');
    const password = screen.getByLabelText('Password');
    expect(password).toHaveAttribute('aria-invalid', 'true');
    expect(password).toHaveAccessibleDescription('At least 8 characters. This password is too common.');
  });
});

describe('VerifyEmail', () => {
  it('sends the token from the link once and confirms the address', async () => {
    const { requests } = mockApi({
      'POST /api/v1/auth/verify-email': () => jsonResponse(buildUser({ email: 'ada@example.org' })),
    });

    renderWithProviders(
      <StrictMode>
        <VerifyEmail />
      </StrictMode>,
      { route: '/verify-email?token=abc123' },
    );

    expect(await screen.findByText('Thank you, ada@example.org is confirmed. You can sign in now.')).toBeInTheDocument();
    expect(requests).toHaveLength(1);
    expect(await requests[0]?.json()).toEqual({ token: 'abc123' });
  });

  it('shows why a link does not work', async () => {
    mockApi({
      'POST /api/v1/auth/verify-email': () =>
        errorResponse(400, 'invalid_token', 'This link has expired; ask for a new one.'),
    });
    renderWithProviders(<VerifyEmail />, { route: '/verify-email?token=old' });
    expect(await screen.findByRole('alert')).toHaveTextContent('This link has expired; ask for a new one.');
  });

  it('explains a link without a token', () => {
    renderWithProviders(<VerifyEmail />, { route: '/verify-email' });
    expect(screen.getByRole('alert')).toHaveTextContent('This link has no confirmation code.');
  });
});

describe('ResetPassword', () => {
  it('asks for a link by email', async () => {
    const { requests } = mockApi({ 'POST /api/v1/auth/password-reset': () => jsonResponse({}, 202) });
    renderWithProviders(<ResetPassword />, { route: '/reset-password' });
    const user = userEvent.setup();

    await user.type(screen.getByLabelText('Email'), 'ada@example.org');
    await user.click(screen.getByRole('button', { name: 'Send the link' }));

    expect(await screen.findByRole('status')).toHaveTextContent('If an account exists for ada@example.org');
    expect(await requests[0]?.json()).toEqual({ email: 'ada@example.org' });
  });

  it('sets the new password with the token of the link', async () => {
    const { requests } = mockApi({
      'POST /api/v1/auth/password-reset/confirm': () => new Response(null, { status: 204 }),
    });
    renderWithProviders(<ResetPassword />, { route: '/reset-password?token=tok' });
    const user = userEvent.setup();

    await user.type(screen.getByLabelText('New password'), 'a new long password');
    await user.click(screen.getByRole('button', { name: 'Set the new password' }));

    expect(await screen.findByRole('status')).toHaveTextContent('Your password has been changed.');
    expect(await requests[0]?.json()).toEqual({ token: 'tok', password: 'a new long password' });
  });

  it('speaks German when asked to', () => {
    renderWithProviders(
      <I18nProvider language="de">
        <ResetPassword />
      </I18nProvider>,
      { route: '/reset-password' },
    );
    expect(screen.getByRole('heading', { name: 'Passwort zurücksetzen' })).toBeInTheDocument();
    expect(screen.getByLabelText('E-Mail')).toBeInTheDocument();
  });
});
