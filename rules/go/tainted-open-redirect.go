package auth

import "net/http"

func login(w http.ResponseWriter, r *http.Request) {
	next := r.URL.Query().Get("next")
	// ruleid: tainted-open-redirect
	http.Redirect(w, r, next, http.StatusFound)
	// ok: tainted-open-redirect
	http.Redirect(w, r, "/home", http.StatusFound)
}
