package main

func handler(h string, n string, a string, b string) {
	// ruleid: string-by-value
	open("/etc/passwd")
	// ruleid: string-by-value
	open(`/etc/passwd`)
	// ok: string-by-value
	open("/etc/hosts")
	// ruleid: dict-ellipsis
	_ = Config{Name: n, Debug: true, Port: 1}
	// ok: dict-ellipsis
	_ = Config{Name: n, Debug: false}
	// ruleid: statement-sequence
	x := input()
	println(x)
	run(x)
	// ok: statement-sequence
	run(n)
	// ruleid: comparison
	sleep(30)
	// ruleid: comparison
	sleep(0x20)
	// ok: comparison
	sleep(5)
	copy(a,
		// ruleid: focus
		b)
}
