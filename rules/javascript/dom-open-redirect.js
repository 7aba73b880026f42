function go() {
  const params = new URLSearchParams(location.search);
  const next = params.get("next");
  // ruleid: dom-open-redirect
  window.location.href = next;
}

function home() {
  // ok: dom-open-redirect
  window.location.href = "/home";
}
