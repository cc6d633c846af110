"""Moving through a page with the keyboard only: Tab and Shift+Tab to a control, then type,
Space or Enter, as a person without a mouse does. Each control reached must show its focus."""

from typing import Any

MAX_TABS = 150

_FOCUS_SHOWN = """el => {
  const style = getComputedStyle(el);
  return (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0)
      || style.boxShadow !== 'none';
}"""


def focused(locator: Any) -> bool:
    return bool(locator.evaluate("el => el === document.activeElement"))


def tab_to(page: Any, locator: Any, *, backwards: bool = False) -> None:
    """Press Tab (or Shift+Tab) until ``locator`` has the focus; its focus must be visible."""
    key = "Shift+Tab" if backwards else "Tab"
    target = locator.first
    target.wait_for(state="attached")
    for _ in range(MAX_TABS):
        if focused(target):
            break
        page.keyboard.press(key)
    else:
        raise AssertionError(f"{MAX_TABS} x {key} never reached {locator}")
    # Chromium styles a date input's :focus a moment after its inner field takes the focus.
    for _ in range(20):
        if target.evaluate(_FOCUS_SHOWN):
            return
        page.wait_for_timeout(50)
    raise AssertionError(f"no visible focus on {locator}")


def type_into(page: Any, locator: Any, text: str) -> None:
    tab_to(page, locator)
    page.keyboard.type(text)


def press_on(page: Any, locator: Any, key: str = "Enter") -> None:
    tab_to(page, locator)
    page.keyboard.press(key)


def choose_file(page: Any, locator: Any, path: Any) -> None:
    """Open the file input's chooser with Space and pick the file in it."""
    tab_to(page, locator)
    with page.expect_file_chooser() as chooser:
        page.keyboard.press("Space")
    chooser.value.set_files(path)


def press_and_wait(page: Any, key: str = "Enter") -> None:
    """Press a key that submits a form or follows a link, and wait for the next page."""
    with page.expect_navigation():
        page.keyboard.press(key)
