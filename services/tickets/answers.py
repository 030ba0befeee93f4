"""Checking a report's answers against its category's questions (Open311's attribute model).

Pure: the category's questions come as contracts, the answers as the reporter sent them. The first
problem found is refused with a 422 whose details name the question's code.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import NoReturn

from cityfix_contracts import DomainError
from cityfix_contracts.events.municipalities import CategoryQuestion

Answer = str | int | float | bool
MAX_ANSWER = 2000


def _refuse(code: str, question: str, message: str) -> NoReturn:
    raise DomainError("invalid", code, message, {"question": question})


def _blank(value: Answer) -> bool:
    return isinstance(value, str) and not value.strip()


def _check(question: CategoryQuestion, value: Answer) -> Answer:
    code, label = question.code, question.description
    keys = {choice.key for choice in question.values}
    if question.datatype == "number":
        if isinstance(value, bool) or not isinstance(value, int | float):
            _refuse("answer_not_a_number", code, f"Answer “{label}” ({code}) with a number.")
        return value
    if not isinstance(value, str):
        _refuse("answer_not_text", code, f"Answer “{label}” ({code}) with text.")
    value = value.strip()
    if len(value) > MAX_ANSWER:
        _refuse(
            "answer_too_long", code, f"Keep the answer to “{label}” ({code}) under {MAX_ANSWER} characters."
        )
    if question.datatype == "singlevaluelist" and value not in keys:
        _refuse(
            "answer_not_a_choice",
            code,
            f"Choose one of {', '.join(sorted(keys))} for “{label}” ({code}).",
        )
    if question.datatype == "multivaluelist":
        chosen = [part.strip() for part in value.split(",") if part.strip()]
        if not chosen or any(part not in keys for part in chosen):
            _refuse(
                "answer_not_a_choice",
                code,
                f"Choose among {', '.join(sorted(keys))} (comma-separated) for “{label}” ({code}).",
            )
        return ",".join(chosen)
    if question.datatype == "datetime":
        try:
            datetime.fromisoformat(value)
        except ValueError:
            _refuse("answer_not_a_datetime", code, f"Give “{label}” ({code}) as a date and time (ISO 8601).")
    return value


def checked_answers(
    questions: Iterable[CategoryQuestion], answers: Mapping[str, Answer]
) -> dict[str, Answer]:
    """The answers, trimmed, if every required question is answered and every answer fits its question."""
    by_code = {question.code: question for question in questions}
    for code in answers:
        if code not in by_code:
            _refuse(
                "answer_unknown_question", code, f"This category asks no question “{code}”; leave it out."
            )
    checked: dict[str, Answer] = {}
    for question in sorted(by_code.values(), key=lambda q: (q.order, q.code)):
        value = answers.get(question.code)
        if value is None or _blank(value):
            if question.required:
                _refuse(
                    "answer_required",
                    question.code,
                    f"Please answer “{question.description}” ({question.code}): this category needs it.",
                )
            continue
        checked[question.code] = _check(question, value)
    return checked
