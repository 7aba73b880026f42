function connect() {
  // ruleid: insecure-websocket
  const a = new WebSocket("ws://api.example.com/feed");
  // ok: insecure-websocket
  const b = new WebSocket("wss://api.example.com/feed");
  // ok: insecure-websocket
  const c = new WebSocket("ws://localhost:8080/dev");
  return [a, b, c];
}
