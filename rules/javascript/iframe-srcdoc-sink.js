function show(frame, message) {
  // ruleid: iframe-srcdoc-sink
  frame.srcdoc = "<p>" + message + "</p>";
  // ruleid: iframe-srcdoc-sink
  const fragment = document.createRange().createContextualFragment(message);
  // ok: iframe-srcdoc-sink
  frame.srcdoc = "<p>loading</p>";
  return fragment;
}
