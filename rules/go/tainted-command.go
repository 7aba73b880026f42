package tools

import (
	"net/http"
	"os/exec"
)

func ping(w http.ResponseWriter, r *http.Request) {
	host := r.FormValue("host")
	// ruleid: tainted-command
	exec.Command("sh", "-c", "ping -c 1 "+host).Run()
	// ok: tainted-command
	exec.Command("uptime").Run()
}
