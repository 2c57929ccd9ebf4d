"""A lean HTTP/1.1 client for the pages fetched without a proxy: keep-alive pools and nothing else.

urllib3 spends about half a millisecond of CPU a request on URL parsing, pool look-ups and
http.client's e-mail header parser: on a Pi, as much as inflating the gzipped page itself. This
client does only what ``fetch.Fetcher`` asks for: a GET with the given headers over a pooled
connection (``http``, or ``https`` with urllib3's own TLS context: system certificates, host name
checked, TLS 1.2 or newer), the status line and headers split as bytes, and a body read as it
arrives (``read1``), framed by Content-Length, chunked transfer coding, or the end of the
connection. It answers like a urllib3 response (``status``, ``headers.get``, ``read1``, ``close``,
``release_conn``), so the fetcher reads both alike.

``target`` takes only plain URLs; anything urllib3 would rewrite first (non-ASCII or characters it
percent-encodes, lower-case percent escapes, dot segments, user info, IPv6 literals) stays on
urllib3, as do proxied retailers. A pooled connection is checked before reuse (one ``poll``, and
TLS bytes already decrypted), as urllib3 does, and never retried behind the caller's back: the
fetcher's own retry rules apply.

Framing follows RFC 9112 strictly, since a body that ends where the server did not mean it to
would hand its rest to the next request on the connection: conflicting or malformed
Content-Length, a transfer coding other than chunked, or chunked framing that does not add up is
an error; chunked wins over Content-Length, and such a connection is never reused; interim 1xx
answers are skipped. The head, chunk-size lines and trailers must arrive by the caller's deadline
(a server trickling them a byte at a time never trips the per-read timeout).
"""

from __future__ import annotations

import re
import select
import socket
import threading
import time
from typing import TYPE_CHECKING, Any, NamedTuple
from urllib.parse import urlsplit

if TYPE_CHECKING:
    import ssl

MAX_HEAD = 64 * 1024  # status line and headers
_PLAIN = re.compile(r"[A-Za-z0-9\-._~!$&'()*+,;=:@/?%]*")
_ODD = re.compile(r"%(?![0-9A-F]{2})|/\.\.?(?:/|$)")  # urllib3 would rewrite: bad or lower-case escapes, dot segments
_HEAD_END = re.compile(rb"\r?\n\r?\n")
_CHUNK_SIZE = re.compile(rb"0*[0-9A-Fa-f]{1,16}")
_VERSION = re.compile(rb"HTTP/1\.[0-9]")
_NO_BODY = frozenset({204, 304})


class HTTPFailure(Exception):
    """The request failed (the subclasses say how)."""


class ConnectFailed(HTTPFailure):
    """Refused, reset, unresolvable, TLS refused, or closed before any answer."""


class ConnectTimeoutError(HTTPFailure):
    """The connection (or its TLS handshake) was not made in time."""


class ReadTimeoutError(HTTPFailure):
    """The server did not answer in time."""


class ProtocolFailure(HTTPFailure):
    """An answer that is no HTTP/1.x, or a body cut short."""


class Target(NamedTuple):
    scheme: str
    host: str
    port: int
    request: bytes  # the request line and Host header, without the final CRLF


def target(url: str) -> Target | None:
    """Where and what to ask for ``url``, or None when urllib3 should take it (see the module doc)."""
    if not url.isascii():
        return None
    parts = urlsplit(url)
    scheme, netloc = parts.scheme, parts.netloc
    if scheme not in ("http", "https") or not netloc or "@" in netloc or "[" in netloc:
        return None
    path = parts.path or "/"
    wanted = path + ("?" + parts.query if parts.query else "")
    if not path.startswith("/") or not _PLAIN.fullmatch(wanted) or _ODD.search(wanted):
        return None
    try:
        port = parts.port
    except ValueError:
        return None
    host = parts.hostname or ""
    if not host or not _PLAIN.fullmatch(host):
        return None
    default = 443 if scheme == "https" else 80
    shown = host if port is None or port == default else f"{host}:{port}"
    line = f"GET {wanted} HTTP/1.1\r\nHost: {shown}\r\n".encode("ascii")
    return Target(scheme, host, port or default, line)


class Headers(dict[str, str]):
    """Response headers by lower-case name; a repeated header's values joined with ', ' (as urllib3)."""

    def get(self, name: str, default: Any = None) -> Any:  # type: ignore[override]
        return dict.get(self, name.lower(), default)


class _Conn:
    __slots__ = ("buf", "key", "sock")

    def __init__(self, sock: socket.socket, key: tuple[str, str, int]) -> None:
        self.sock = sock
        self.key = key
        self.buf = b""


def _dropped(sock: socket.socket) -> bool:
    """Whether an idle connection has something to read (the server closed it, or sent garbage)."""
    pending = getattr(sock, "pending", None)  # TLS: bytes decrypted and buffered, which poll cannot see
    if pending is not None and pending():
        return True
    poller = select.poll()
    poller.register(sock, select.POLLIN)
    return bool(poller.poll(0))


def _content_length(value: str) -> int:
    """The one length a Content-Length gives (a repeated equal value counts once; RFC 9112 6.3)."""
    values = {v.strip() for v in value.split(",")}
    length = values.pop() if len(values) == 1 else ""
    if not (length.isascii() and length.isdigit()) or len(length) > 18:  # int() would take '+5', '1_0', '\xb2'
        raise ProtocolFailure(f"invalid Content-Length {value[:40]!r}")
    return int(length)


class Response:
    """One answer, its body read with ``read1``; ``release_conn`` pools the connection if it can."""

    def __init__(self, client: Client, conn: _Conn, status: int, headers: Headers, length: int | None,
                 chunked: bool, will_close: bool, deadline: float) -> None:
        self._client, self._conn = client, conn
        self._deadline = deadline  # for the chunk framing lines (the body itself returns between reads)
        self.status, self.headers = status, headers
        self._left = length  # body bytes still to come (None: until the connection ends)
        self._chunked = chunked
        self._chunk_left = 0
        self._will_close = will_close
        self._done = length == 0 and not chunked
        self._read = 0

    def _take(self, n: int) -> bytes:
        conn = self._conn
        if conn is None:
            return b""
        if conn.buf:
            data, conn.buf = conn.buf[:n], conn.buf[n:]
            return data
        try:
            return conn.sock.recv(n)
        except TimeoutError:
            raise ReadTimeoutError("Read timed out.") from None

    def _line(self) -> bytes:
        conn = self._conn
        assert conn is not None
        while b"\n" not in conn.buf:
            if len(conn.buf) > MAX_HEAD:
                raise ProtocolFailure("chunk size line too long")
            if time.monotonic() > self._deadline:
                raise ReadTimeoutError("Read timed out. (chunk framing too slow)")
            try:
                more = conn.sock.recv(65536)
            except TimeoutError:
                raise ReadTimeoutError("Read timed out.") from None
            if not more:
                raise ProtocolFailure(f"Connection broken: IncompleteRead({self._read} bytes read)")
            conn.buf += more
        line, _, conn.buf = conn.buf.partition(b"\n")
        return line

    def _incomplete(self) -> ProtocolFailure:
        more = f", {self._left} more expected" if self._left else ""
        return ProtocolFailure(f"Connection broken: IncompleteRead({self._read} bytes read{more})")

    def read1(self, amt: int = 65536, decode_content: bool = False) -> bytes:
        """Up to ``amt`` body bytes, as many as have arrived (waiting only when none have);
        b"" at the end of the body. The body comes as sent (no Content-Encoding is undone)."""
        if self._done:
            return b""
        if self._chunked:
            return self._read_chunk(amt)
        if self._left is None:
            data = self._take(amt)
            if not data:
                self._done = True
            self._read += len(data)
            return data
        data = self._take(min(amt, self._left))
        if not data:
            raise self._incomplete()
        self._left -= len(data)
        self._read += len(data)
        self._done = self._left == 0
        return data

    def _read_chunk(self, amt: int) -> bytes:
        if self._chunk_left == 0:
            size = self._line().split(b";", 1)[0].strip()
            if not _CHUNK_SIZE.fullmatch(size):  # int(x, 16) alone would take '-5', '0x5' and '1_0'
                raise ProtocolFailure(f"bad chunk size {size[:20]!r}")
            self._chunk_left = int(size, 16)
            if self._chunk_left == 0:
                trailers = 0
                while line := self._line().rstrip(b"\r"):  # trailer fields, up to the empty line
                    trailers += len(line)
                    if trailers > MAX_HEAD:
                        raise ProtocolFailure("trailer section over 64 KiB")
                self._done = True
                return b""
        data = self._take(min(amt, self._chunk_left))
        if not data:
            raise self._incomplete()
        self._chunk_left -= len(data)
        self._read += len(data)
        if self._chunk_left == 0 and self._line().rstrip(b"\r"):  # the CRLF after the chunk, nothing else
            raise ProtocolFailure("chunk data not followed by CRLF")
        return data

    def close(self) -> None:
        """Drop the connection (a body not read to its end cannot be reused)."""
        conn, self._conn = self._conn, None
        self._done = True
        if conn is not None:
            conn.sock.close()

    def release_conn(self) -> None:
        """Pool the connection when the body was read to its end and the server keeps it open."""
        conn, self._conn = self._conn, None
        if conn is None:
            return
        if self._done and not self._will_close and not conn.buf:
            self._client.put(conn)
        else:
            conn.sock.close()


class Client:
    """Pooled direct connections, per scheme, host and port; thread-safe."""

    def __init__(self, maxsize: int, connect_timeout: float, read_timeout: float) -> None:
        self.maxsize = max(1, maxsize)
        self.connect_timeout = connect_timeout
        self.read_timeout = read_timeout
        self._idle: dict[tuple[str, str, int], list[_Conn]] = {}
        self._lock = threading.Lock()
        self._tls: ssl.SSLContext | None = None

    def _context(self) -> ssl.SSLContext:
        if self._tls is None:
            from urllib3.util.ssl_ import create_urllib3_context  # with ssl itself: only for https

            ctx = create_urllib3_context()  # urllib3's: certificates required, host name checked, TLS 1.2+
            ctx.load_default_certs()
            ctx.set_alpn_protocols(["http/1.1"])
            self._tls = ctx
        return self._tls

    def put(self, conn: _Conn) -> None:
        with self._lock:
            idle = self._idle.setdefault(conn.key, [])
            if len(idle) < self.maxsize:
                idle.append(conn)
                return
        conn.sock.close()

    def _get(self, key: tuple[str, str, int]) -> _Conn:
        while True:
            with self._lock:
                idle = self._idle.get(key)
                conn = idle.pop() if idle else None
            if conn is None:
                return self._connect(key)
            if not _dropped(conn.sock):
                return conn
            conn.sock.close()

    def _connect(self, key: tuple[str, str, int]) -> _Conn:
        scheme, host, port = key
        try:
            sock = socket.create_connection((host, port), timeout=self.connect_timeout)
        except TimeoutError:
            raise ConnectTimeoutError(f"Connection to {host} timed out. (connect timeout={self.connect_timeout})"
                                      ) from None
        except OSError as exc:
            raise ConnectFailed(f"Failed to establish a new connection: {exc}") from None
        try:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            if scheme == "https":
                sock = self._context().wrap_socket(sock, server_hostname=host)
            sock.settimeout(self.read_timeout)
        except TimeoutError:
            sock.close()
            raise ConnectTimeoutError(f"TLS handshake with {host} timed out.") from None
        except OSError as exc:  # ssl.SSLError included
            sock.close()
            raise ConnectFailed(f"TLS with {host} failed: {exc}") from None
        return _Conn(sock, key)

    def get(self, where: Target, headers: bytes, deadline: float) -> Response:
        """Send the GET (``headers``: encoded header lines, each ending in CRLF) and read the answer's head.
        ``deadline`` (monotonic): when the head and any chunk framing must have come."""
        conn = self._get((where.scheme, where.host, where.port))
        try:
            conn.sock.sendall(where.request + headers + b"\r\n")
            return self._head(conn, deadline)
        except TimeoutError:
            conn.sock.close()
            raise ReadTimeoutError("Read timed out.") from None
        except OSError as exc:
            conn.sock.close()
            raise ConnectFailed(f"('Connection aborted.', {exc!r})") from None
        except HTTPFailure:
            conn.sock.close()
            raise

    def _head(self, conn: _Conn, deadline: float) -> Response:
        while True:  # interim 1xx answers (100 Continue, 103 Early Hints) are skipped: the final one follows
            buf = conn.buf
            end = _HEAD_END.search(buf)
            while end is None:
                if len(buf) > MAX_HEAD:
                    raise ProtocolFailure("response head over 64 KiB")
                if time.monotonic() > deadline:
                    raise ReadTimeoutError("Read timed out. (response head too slow)")
                more = conn.sock.recv(65536)
                if not more:
                    raise ConnectFailed("('Connection aborted.', RemoteDisconnected('Remote end closed"
                                        " connection without response'))")
                buf += more
                end = _HEAD_END.search(buf, max(0, len(buf) - len(more) - 3))
            if end.start() > MAX_HEAD:
                raise ProtocolFailure("response head over 64 KiB")
            head, conn.buf = buf[:end.start()].replace(b"\r\n", b"\n"), buf[end.end():]
            if b"\r" in head or b"\0" in head:  # a bare CR or NUL in a field: a space (RFC 9110 5.5)
                head = head.replace(b"\r", b" ").replace(b"\0", b" ")
            lines = head.split(b"\n")
            parts = lines[0].split(None, 2)
            if len(parts) < 2 or not _VERSION.fullmatch(parts[0]) or not parts[1].isdigit() \
                    or len(parts[1]) != 3 or parts[1][0] in b"06789" or parts[1] == b"101":
                raise ProtocolFailure(f"bad status line {lines[0][:80]!r}")
            status = int(parts[1])
            if status >= 200:
                break
        headers = Headers()
        name = ""
        for line in lines[1:]:
            if line[:1] in (b" ", b"\t") and name:  # an obsolete folded continuation line
                headers[name] += " " + line.strip().decode("latin-1")
                continue
            key, sep, value = line.partition(b":")
            if not sep:
                continue
            name = key.strip().lower().decode("latin-1")
            text = value.strip().decode("latin-1")
            headers[name] = f"{headers[name]}, {text}" if name in headers else text
        coding, declared = headers.get("transfer-encoding"), headers.get("content-length")
        http10 = parts[0] == b"HTTP/1.0"
        length: int | None = None
        chunked = both = False
        if status in _NO_BODY:
            length = 0
        elif coding is not None:
            if http10:  # RFC 9112 6.1: framing that cannot be trusted
                raise ProtocolFailure("Transfer-Encoding in an HTTP/1.0 answer")
            if [c.strip().lower() for c in coding.split(",")] != ["chunked"]:
                raise ProtocolFailure(f"unsupported Transfer-Encoding {coding[:40]!r}")
            chunked = True
            if declared is not None:  # RFC 9112 6.3: chunked wins, and the connection is not reused
                del headers["content-length"]
                both = True
        elif declared is not None:
            length = _content_length(declared)
        tokens = headers.get("connection", "").lower()
        will_close = "keep-alive" not in tokens if http10 else "close" in tokens
        # a 204 announcing a body: where the server thinks the answer ends is unclear, so the connection goes
        odd_204 = status == 204 and (coding is not None or declared not in (None, "0"))
        will_close = will_close or (length is None and not chunked) or both or odd_204
        return Response(self, conn, status, headers, length, chunked, will_close, deadline)

    def clear(self) -> None:
        with self._lock:
            idle = [c for conns in self._idle.values() for c in conns]
            self._idle.clear()
        for conn in idle:
            conn.sock.close()
