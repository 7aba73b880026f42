def history(branch, path)
  # ruleid: shell-backticks-interpolation
  log = `git log --oneline #{branch}`
  # ruleid: shell-backticks-interpolation
  blame = %x(git blame #{path})
  # ok: shell-backticks-interpolation
  version = `git --version`
  [log, blame, version]
end
