package report

import "os"

func write(data []byte) {
	// ruleid: predictable-temp-file
	os.Create("/tmp/report.csv")
	// ruleid: predictable-temp-file
	os.WriteFile("/var/tmp/cache.json", data, 0600)
	// ok: predictable-temp-file
	os.CreateTemp("", "report-*.csv")
}
