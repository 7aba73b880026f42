def handler(h)
  # ruleid: ruby-strings
  open(%q(/etc/passwd))
  # ruleid: ruby-strings
  open(%(/etc/passwd))
  # ruleid: ruby-kwargs-no-parens
  connect verify: false, host: h
  # ruleid: ruby-hash-rocket
  config({ debug: true })
  # ruleid: ruby-hash-rocket
  config({ :debug => true, :x => 1 })
end
