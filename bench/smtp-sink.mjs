// The newsletter benchmark's mail server: a real smtp-server (the package the tests use) that accepts
// every message and discards its body. Plain JavaScript in its own process, so on 2 cores the sender
// and the server do not share one event loop. IPC: sends { port } once bound; answers 'count' with
// { accepted, cpuMs } (messages taken, and this process's CPU time since it started).
import { SMTPServer } from 'smtp-server';

let accepted = 0;
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  // The pool pipelines and keeps connections open: let it.
  maxClients: 100,
  onData(stream, _session, cb) {
    stream.resume();
    stream.on('end', () => {
      accepted++;
      cb();
    });
  },
});
server.on('error', () => {});
server.listen(0, '127.0.0.1', () => process.send({ port: server.server.address().port }));
process.on('message', (m) => {
  if (m === 'count') {
    const cpu = process.cpuUsage();
    process.send({ accepted, cpuMs: (cpu.user + cpu.system) / 1000 });
  }
  if (m === 'stop') server.close(() => process.exit(0));
});
process.on('disconnect', () => process.exit(0));
