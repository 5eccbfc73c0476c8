# select.select/select.poll on an os.pipe, and the socket module on loopback
# (timeouts, socketpair, gaierror, non-blocking connect)
import select, os, time
r, w = os.pipe()
rl, wl, xl = select.select([r], [w], [], 0)
print(rl, wl == [w], xl)
os.write(w, b"hi")
print(select.select([r], [], [], 0.1)[0] == [r])
p = select.poll()
p.register(r, select.POLLIN)
t = time.monotonic(); print(p.poll(0) == [(r, select.POLLIN)]); os.read(r, 10)
print(p.poll(50), time.monotonic() - t > 0.04)
p.modify(r, select.POLLIN | select.POLLOUT)
p.unregister(r)
try: p.unregister(r)
except KeyError as e: print("KeyError", e.args[0] == r)
print(select.error is OSError)
os.close(r); os.close(w)
import socket
srv = socket.create_server(("127.0.0.1", 0))
port = srv.getsockname()[1]
print(repr(srv).startswith("<socket.socket fd="), srv.family == socket.AF_INET)
c = socket.create_connection(("127.0.0.1", port))
conn, addr = srv.accept()
print(addr[0], type(conn).__name__)
c.sendall(b"hello")
print(conn.recv(100))
conn.settimeout(0.05)
try:
    conn.recv(10)
except socket.timeout as e:
    print("timeout:", e, type(e).__name__)
conn.close(); c.close(); srv.close()
print(repr(srv))
a, b = socket.socketpair()
with a, b:
    a.send(b"x"); print(b.recv(1))
try:
    socket.getaddrinfo("no.such.host.invalid", 80)
except socket.gaierror as e:
    print("gaierror", e.errno < 0)
s = socket.socket(); s.setblocking(False); print(s.getblocking(), s.gettimeout())
try:
    s.connect(("127.0.0.1", port))
except OSError as e:
    print(type(e).__name__)
s.close()
