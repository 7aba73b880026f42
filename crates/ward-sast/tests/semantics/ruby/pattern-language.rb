def handler(h, n, a, b)
  # ruleid: kwargs-any-order
  connect(verify: false, host: h)
  # ruleid: kwargs-any-order
  connect(host: h, verify: false)
  # ok: kwargs-any-order
  connect(host: h, verify: true)
  # ruleid: string-by-value
  open('/etc/passwd')
  # ruleid: string-by-value
  open("/etc/passwd")
  # ok: string-by-value
  open("/etc/hosts")
  # ruleid: dict-ellipsis
  config({ name: n, debug: true, port: 1 })
  # ok: dict-ellipsis
  config({ name: n, debug: false })
  # ruleid: statement-sequence
  x = input()
  puts(x)
  run(x)
  # ok: statement-sequence
  run(n)
  # ruleid: comparison
  sleep(30)
  # ruleid: comparison
  sleep(0x20)
  # ok: comparison
  sleep(5)
  copy(a,
    # ruleid: focus
    b)
end
