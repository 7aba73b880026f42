function show(user) {
  // ruleid: jquery-html-sink
  $("#name").html("<b>" + user.name + "</b>");
  // ruleid: jquery-html-sink
  $("#list").append(`<li>${user.email}</li>`);
  // ok: jquery-html-sink
  $("#name").text(user.name);
  // ok: jquery-html-sink
  $("#list").append("<li>static</li>");
}
