function banner(params) {
  // ruleid: document-write
  document.write("<h1>" + params.get("title") + "</h1>");
  // ruleid: document-write
  document.writeln(`<p>${location.hash}</p>`);
  // ok: document-write
  document.write("<hr>");
}
