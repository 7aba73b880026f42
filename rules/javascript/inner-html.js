function show(user, el, params) {
  // ruleid: inner-html
  el.innerHTML = "<b>" + user.name + "</b>";
  // ruleid: inner-html
  document.getElementById("out").outerHTML = `<p>${params.get("q")}</p>`;
  // ruleid: inner-html
  el.insertAdjacentHTML("beforeend", user.bio);
  // ok: inner-html
  el.innerHTML = "";
  // ok: inner-html
  el.textContent = user.name;
  // ok: inner-html
  el.insertAdjacentHTML("beforeend", '<hr>');
}
