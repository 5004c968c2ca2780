// promrules checks Prometheus rule groups the way Prometheus loads them
// (model/rulefmt: unknown fields, rule names, label names, annotation
// templates, and every expression through the PromQL parser), without a
// Prometheus server. The chart checks feed it the groups of the chart's
// PrometheusRule. Usage: promrules FILE...; prints one problem per line,
// exits 1 if there is any.
package main

import (
	"fmt"
	"log/slog"
	"os"

	"github.com/prometheus/common/model"
	"github.com/prometheus/prometheus/model/rulefmt"
	"github.com/prometheus/prometheus/promql/parser"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: promrules FILE...")
		os.Exit(2)
	}
	p := parser.NewParser(parser.Options{})
	logger := slog.New(slog.NewTextHandler(os.Stderr, nil))
	failed := false
	for _, file := range os.Args[1:] {
		// Unknown fields are errors, as for Prometheus itself.
		_, errs := rulefmt.ParseFile(file, false, model.UTF8Validation, p, logger)
		for _, err := range errs {
			fmt.Println(err.Error())
			failed = true
		}
	}
	if failed {
		os.Exit(1)
	}
}
