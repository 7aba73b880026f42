function notify(token) {
  // ruleid: post-message-any-origin
  window.parent.postMessage({ token }, "*");
  // ok: post-message-any-origin
  window.parent.postMessage({ token }, "https://app.example.com");
}
