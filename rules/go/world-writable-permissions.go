package store

import "os"

func save(path string, data []byte) {
	// ruleid: world-writable-permissions
	os.WriteFile(path, data, 0666)
	// ruleid: world-writable-permissions
	os.MkdirAll(path, 0777)
	// ok: world-writable-permissions
	os.WriteFile(path, data, 0600)
	// ok: world-writable-permissions
	os.MkdirAll(path, 0750)
}
