package main

import "github.com/urfave/cli/v2"

func plotCommand() *cli.Command { return &cli.Command{Name: "plot"} }
