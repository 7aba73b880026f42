require "open3"

def thumbnail(file, size)
  # ruleid: command-injection-system
  system("convert #{file} -resize #{size} out.png")
  # ruleid: command-injection-system
  out, _status = Open3.capture2("identify " + file)
  # ruleid: command-injection-system
  IO.popen("file --brief #{file}") { |io| io.read }
  # ok: command-injection-system
  system("convert", file, "-resize", size, "out.png")
  # ok: command-injection-system
  system("make clean")
  out
end
