package main

import "github.com/gin-gonic/gin"

func main() {
	// ruleid: gin-debug-mode
	gin.SetMode(gin.DebugMode)
	// ok: gin-debug-mode
	gin.SetMode(gin.ReleaseMode)
	gin.Default().Run()
}
