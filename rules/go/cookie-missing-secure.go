package web

import "net/http"

func login(w http.ResponseWriter, id string) {
	// ruleid: cookie-missing-secure
	http.SetCookie(w, &http.Cookie{Name: "session", Value: id})
	// ruleid: cookie-missing-secure
	http.SetCookie(w, &http.Cookie{Name: "session", Value: id, HttpOnly: true})
	// ok: cookie-missing-secure
	http.SetCookie(w, &http.Cookie{Name: "session", Value: id, Secure: true, HttpOnly: true})
	// ok: cookie-missing-secure
	http.SetCookie(w, &http.Cookie{HttpOnly: true, Name: "session", Value: id, Secure: true})
}
