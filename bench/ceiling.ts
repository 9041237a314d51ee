// The ceiling: a bare node:http server answering every request with the same bytes
// (and content type) the app gave for the measured page. Run by the harness as its
// own process:  tsx bench/ceiling.ts <port> <file> <content-type>
import fs from 'node:fs';
import http from 'node:http';

const [port, file, contentType] = process.argv.slice(2);
const body = fs.readFileSync(file!);
http
  .createServer((_req, res) => {
    res.writeHead(200, { 'content-type': contentType!, 'content-length': body.length });
    res.end(body);
  })
  .listen(Number(port), '127.0.0.1', () => process.stdout.write('listening\n'));
