"""asyncio for Vitrine: a poll-based event loop, futures, tasks and their tools.
Under --trace=task each task step, creation, completion, cancellation and idle wait shows."""

from .exceptions import *
from .coroutines import *
from .events import *
from .futures import *
from .tasks import *
from .locks import *
from .queues import *
from .runners import *
from .timeouts import *
from .taskgroups import *
from .base_events import BaseEventLoop, SelectorEventLoop

from . import exceptions, coroutines, events, futures, tasks, locks, queues, runners
from . import timeouts, taskgroups, base_events

DefaultEventLoopPolicy = events.DefaultEventLoopPolicy
from .protocols import *
from .streams import *
from .network import Server
from . import protocols, streams, transports
