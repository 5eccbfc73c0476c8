# asyncio streams on loopback: start_server/open_connection, readline/readexactly/read, drain,
# write_eof, wait_closed, Server as async context manager, connection refused
import asyncio
async def handle(reader, writer):
    addr = writer.get_extra_info("peername")
    while True:
        line = await reader.readline()
        if not line:
            break
        writer.write(line.upper())
        await writer.drain()
    writer.close()
    await writer.wait_closed()
    print("server: client done", addr[0])

async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    async with server:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        for word in [b"hello\n", b"world\n"]:
            writer.write(word)
            await writer.drain()
            print("client got", await reader.readline())
        writer.write(b"x" * 50000 + b"\n")
        await writer.drain()
        data = await reader.readexactly(50001)
        print(len(data), data[:3])
        writer.write_eof()
        print("eof read:", await reader.read())
        writer.close()
        await writer.wait_closed()
        await asyncio.sleep(0.01)
    print(server.is_serving())
    try:
        await asyncio.open_connection("127.0.0.1", 1)
    except ConnectionRefusedError as e:
        print("refused:", e)
asyncio.run(main())

# closing, EOF, async iteration over lines, IncompleteReadError
async def main2():
    conns = []
    async def handle(r, w):
        conns.append(w)
        data = await r.read(100)
        w.write(data[::-1])
        await w.drain()
        w.close()
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    r, w = await asyncio.open_connection("127.0.0.1", port)
    w.write(b"abc")
    print(await r.read(), r.at_eof())
    w.close()
    await w.wait_closed()
    server.close()
    await server.wait_closed()
    print("closed", server.is_serving(), server.sockets)
    r, w = None, None
    try:
        await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), 1)
    except OSError as e:
        print(type(e).__name__)
    async def echo(r, w):
        async for line in r:
            w.write(line)
        w.close()
    async with await asyncio.start_server(echo, "127.0.0.1", 0) as srv:
        port = srv.sockets[0].getsockname()[1]
        r, w = await asyncio.open_connection("127.0.0.1", port)
        w.writelines([b"a\n", b"b\n"])
        w.write_eof()
        print([line async for line in r])
        try:
            await r.readexactly(5)
        except asyncio.IncompleteReadError as e:
            print(e, e.partial)
        w.close()
    print("done")
asyncio.run(main2())
