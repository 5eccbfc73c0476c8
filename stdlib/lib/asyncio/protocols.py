"""Protocol base classes: callbacks a transport calls (connection_made, data_received...)."""

__all__ = ('BaseProtocol', 'Protocol')


class BaseProtocol:
    """Connection callbacks shared by all protocols."""
    __slots__ = ()

    def connection_made(self, transport):
        """Called when a connection is made."""

    def connection_lost(self, exc):
        """Called when the connection is lost or closed (exc None on a regular EOF/close)."""

    def pause_writing(self):
        """The transport's write buffer went over the high-water mark."""

    def resume_writing(self):
        """The transport's write buffer drained below the low-water mark."""


class Protocol(BaseProtocol):
    """Stream protocol: data_received(data) and eof_received()."""
    __slots__ = ()

    def data_received(self, data):
        """Called with each chunk of received bytes."""

    def eof_received(self):
        """The other end closed its writing side; return True to keep the transport open."""
