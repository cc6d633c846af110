"""What the engine's services refuse."""


class EngineError(Exception):
    """A request the running process cannot take."""


class ProcessAlreadyStarted(EngineError):
    pass


class TaskNotAvailable(EngineError):
    """The task is not open, not of that kind, or not the user's to take or complete."""


class UnknownOutcome(EngineError):
    pass


class StepFormInvalid(EngineError):
    """The data sent with a user task's outcome does not pass its step form."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__(f"the step form refused: {', '.join(sorted(errors))}")
        self.errors = errors
