package client

import (
	"crypto/tls"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/credentials/insecure"
)

func dial(addr string, cfg *tls.Config) {
	// ruleid: grpc-insecure-transport
	grpc.Dial(addr, grpc.WithInsecure())
	// ruleid: grpc-insecure-transport
	grpc.Dial(addr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	// ok: grpc-insecure-transport
	grpc.Dial(addr, grpc.WithTransportCredentials(credentials.NewTLS(cfg)))
}
