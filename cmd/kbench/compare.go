package main

import "github.com/urfave/cli/v2"

func compareCommand() *cli.Command { return &cli.Command{Name: "compare"} }
