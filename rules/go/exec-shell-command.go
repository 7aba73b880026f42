package run

import (
	"context"
	"os/exec"
)

func run(ctx context.Context, ref string) {
	// ruleid: exec-shell-command
	exec.Command("sh", "-c", "git log "+ref)
	// ruleid: exec-shell-command
	exec.CommandContext(ctx, "/bin/bash", "-c", ref)
	// ok: exec-shell-command
	exec.Command("sh", "-c", "uptime")
	// ok: exec-shell-command
	exec.Command("git", "log", "--", ref)
}
