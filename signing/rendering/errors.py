"""The one error a document template gives, whatever went wrong in it."""


class DocumentTemplateError(Exception):
    """A template that cannot be compiled or rendered, said so that an admin can fix it.

    ``line`` is the line of ``template_name`` the problem is on, when it is known.
    """

    def __init__(self, message: str, *, line: int | None = None, template_name: str = "") -> None:
        self.message = message
        self.line = line
        self.template_name = template_name
        super().__init__(str(self))

    def __str__(self) -> str:
        where = [self.template_name] if self.template_name else []
        if self.line is not None:
            where.append(f"line {self.line}")
        return f"{', '.join(where)}: {self.message}" if where else self.message
