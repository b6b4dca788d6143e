"""Messages the API returns in ``{"detail": …}``: Chinese first, English after the slash.

Tests import these constants instead of copying their text. Messages that other modules
already own (the plan's ``NO_ACTIVE_EDITION``, classification errors, the access refusal)
are passed through as those modules word them.
"""

from __future__ import annotations

UNIT_NOT_FOUND = "规划中没有代码为 {code} 的区县 / The plan has no unit with code {code}"
NOT_FOUND = "没有找到该对象 / Not found"
SIGN_IN_REQUIRED = "请先登录 / Sign in first"
INVALID_INPUT = "输入有误,见 errors / The input is invalid: see errors"
CSRF_FAILED = (
    "缺少或错误的 CSRF 令牌:请在 X-CSRFToken 请求头中发送 csrftoken Cookie 的值 / "
    "CSRF check failed: send the csrftoken cookie's value in an X-CSRFToken header"
)
