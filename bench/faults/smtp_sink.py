#!/usr/bin/env python3
"""A small SMTP server for the fault tests (loopback only): accepts every message, waits DELAY seconds
before answering the DATA (as a server writing to disk does), then writes the message's Message-ID as one
line to OUT and answers 250. A message whose sender went away before the 250 was written counts as never
acknowledged and is not recorded.

Usage: smtp_sink.py PORT OUT [DELAY=0.02] [pipelining]
"""
import asyncio, re, sys

port, out_path = int(sys.argv[1]), sys.argv[2]
delay = float(sys.argv[3]) if len(sys.argv) > 3 else 0.02
# PIPELINING advertised (as Postfix and most servers do): the client sends MAIL, RCPT and DATA in one round trip.
pipelining = len(sys.argv) > 4 and sys.argv[4] == 'pipelining'
out = open(out_path, 'a', buffering=1)
MESSAGE_ID = re.compile(rb'^Message-ID:\s*<?([^>\r\n]+)>?', re.I | re.M)

async def session(reader, writer):
    async def say(line):
        writer.write(line.encode() + b'\r\n')
        await writer.drain()
    try:
        await say('220 127.0.0.1 fault-test sink')
        while True:
            line = await reader.readline()
            if not line:
                return
            verb = line[:4].upper()
            if verb in (b'EHLO', b'HELO'):
                await say('250-127.0.0.1' if verb == b'EHLO' else '250 127.0.0.1')
                if verb == b'EHLO':
                    await say('250-8BITMIME')
                    if pipelining:
                        await say('250-PIPELINING')
                    await say('250 SMTPUTF8')
            elif verb == b'DATA':
                await say('354 end with <CRLF>.<CRLF>')
                data = await reader.readuntil(b'\r\n.\r\n')
                await asyncio.sleep(delay)
                if reader.at_eof() or writer.is_closing():
                    continue
                match = MESSAGE_ID.search(data)
                await say('250 2.0.0 accepted')
                out.write((match.group(1).decode() if match else 'no-message-id') + '\n')
            elif verb == b'QUIT':
                await say('221 bye')
                return
            else:
                await say('250 ok')
    except (asyncio.IncompleteReadError, ConnectionError):
        pass
    finally:
        writer.close()

async def main():
    server = await asyncio.start_server(session, '127.0.0.1', port)
    async with server:
        await server.serve_forever()

asyncio.run(main())
