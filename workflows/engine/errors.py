"""What the engine's services refuse."""


class EngineError(Exception):
    """A request the running process cannot take."""


class ProcessAlreadyStarted(EngineError):
    pass


class TaskNotAvailable(EngineError):
    """The task is not open, not of that kind, or not the user's to take or complete."""


class UnknownOutcome(EngineError):
    pass
