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
