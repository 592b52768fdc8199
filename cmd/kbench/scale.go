package main

import "github.com/urfave/cli/v2"

func scaleCommand() *cli.Command { return &cli.Command{Name: "scale"} }
