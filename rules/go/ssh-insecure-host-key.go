package deploy

import "golang.org/x/crypto/ssh"

func config(user string, key ssh.PublicKey) []*ssh.ClientConfig {
	return []*ssh.ClientConfig{
		{
			User: user,
			// ruleid: ssh-insecure-host-key
			HostKeyCallback: ssh.InsecureIgnoreHostKey(),
		},
		{
			User: user,
			// ok: ssh-insecure-host-key
			HostKeyCallback: ssh.FixedHostKey(key),
		},
	}
}
