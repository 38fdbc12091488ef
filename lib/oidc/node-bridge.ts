import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';

/**
 * oidc-provider (a Koa application) works on Node's request and response; an App Router route
 * handler has a web Request and returns a Response. This bridge hands the provider a real
 * IncomingMessage holding the request (its method, path, headers and body) and a real
 * ServerResponse whose output is collected instead of written to a socket, then makes the
 * Response of it. Bodies are small here (forms, JSON, HTML pages): they are buffered.
 */
export async function viaNode(request: Request, path: string, handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>): Promise<Response> {
  const req = new IncomingMessage(new Socket());
  req.method = request.method;
  req.url = path;
  req.headers = Object.fromEntries(request.headers);
  const body = request.method === 'GET' || request.method === 'HEAD' ? null : Buffer.from(await request.arrayBuffer());
  if (body && body.length > 0) req.push(body);
  req.push(null);

  const res = new ServerResponse(req);
  const chunks: Buffer[] = [];
  const done = new Promise<void>((resolve) => {
    const collect = (chunk: unknown, encoding?: unknown) => {
      if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
      chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8'));
    };
    res.write = ((chunk: unknown, encoding?: unknown, callback?: unknown) => {
      collect(chunk, encoding);
      for (const fn of [encoding, callback]) if (typeof fn === 'function') fn();
      return true;
    }) as ServerResponse['write'];
    res.end = ((chunk?: unknown, encoding?: unknown, callback?: unknown) => {
      collect(chunk, encoding);
      for (const fn of [chunk, encoding, callback]) if (typeof fn === 'function') fn();
      Object.defineProperty(res, 'writableEnded', { value: true });
      resolve();
      res.emit('finish');
      return res;
    }) as ServerResponse['end'];
  });
  await Promise.all([handle(req, res), done]);

  const headers = new Headers();
  for (const [name, value] of Object.entries(res.getHeaders())) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [String(value)]) headers.append(name, one);
  }
  // What the socket would have framed: the body is whole here.
  headers.delete('content-length');
  headers.delete('transfer-encoding');
  const status = res.statusCode;
  const noBody = status === 204 || status === 304 || request.method === 'HEAD';
  return new Response(noBody ? null : Buffer.concat(chunks), { status, headers });
}
