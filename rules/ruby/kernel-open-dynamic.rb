def read_input(name)
  # ruleid: kernel-open-dynamic
  data = open(name).read
  # ruleid: kernel-open-dynamic
  more = Kernel.open("|cat #{name}").read
  # ok: kernel-open-dynamic
  fixed = open("config/settings.yml").read
  # ok: kernel-open-dynamic
  file = File.open(name).read
  [data, more, fixed, file]
end
