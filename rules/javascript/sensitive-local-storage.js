function save(token, theme) {
  // ruleid: sensitive-local-storage
  localStorage.setItem("accessToken", token);
  // ruleid: sensitive-local-storage
  sessionStorage.setItem("password", theme);
  // ok: sensitive-local-storage
  localStorage.setItem("theme", theme);
}
