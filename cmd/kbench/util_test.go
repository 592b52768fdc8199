package main

import (
	"slices"
	"time"
)

func slicesSort(s []string) { slices.Sort(s) }

func sleep() { time.Sleep(60 * time.Millisecond) }
