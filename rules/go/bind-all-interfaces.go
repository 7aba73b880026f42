package main

import "net"

func main() {
	// ruleid: bind-all-interfaces
	net.Listen("tcp", "0.0.0.0:6060")
	// ok: bind-all-interfaces
	net.Listen("tcp", "127.0.0.1:6060")
}
