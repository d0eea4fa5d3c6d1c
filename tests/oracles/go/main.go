// An oracle for the tests: how Kubernetes' and Go's own code judge values (names, quantities,
// durations, cron schedules, regular expressions, IPs and CIDRs). It reads one JSON case per line
// ({"kind": ..., "value": ...}) and writes one JSON verdict per line ({"ok": ..., "detail": ...}).
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"regexp"
	"strings"
	"time"

	"github.com/robfig/cron/v3"
	"k8s.io/apimachinery/pkg/api/resource"
	"k8s.io/apimachinery/pkg/util/validation"
)

type testCase struct {
	Kind  string `json:"kind"`
	Value string `json:"value"`
}

type verdict struct {
	OK     bool   `json:"ok"`
	Detail string `json:"detail,omitempty"`
}

func judge(c testCase) verdict {
	errs := func(list []string) verdict {
		return verdict{OK: len(list) == 0, Detail: strings.Join(list, "; ")}
	}
	switch c.Kind {
	case "dns1123Label":
		return errs(validation.IsDNS1123Label(c.Value))
	case "dns1035Label":
		return errs(validation.IsDNS1035Label(c.Value))
	case "dns1123Subdomain":
		return errs(validation.IsDNS1123Subdomain(c.Value))
	case "qualifiedName":
		return errs(validation.IsQualifiedName(c.Value))
	case "labelValue":
		return errs(validation.IsValidLabelValue(c.Value))
	case "quantity":
		q, err := resource.ParseQuantity(c.Value)
		if err != nil {
			return verdict{OK: false, Detail: err.Error()}
		}
		return verdict{OK: true, Detail: fmt.Sprintf("%g", q.AsApproximateFloat64())}
	case "duration":
		d, err := time.ParseDuration(c.Value)
		if err != nil {
			return verdict{OK: false, Detail: err.Error()}
		}
		return verdict{OK: true, Detail: fmt.Sprintf("%d", int64(d))}
	case "cronJobSchedule":
		// k8s pkg/apis/batch/validation validateScheduleFormat, for a new CronJob.
		if _, err := cron.ParseStandard(c.Value); err != nil {
			return verdict{OK: false, Detail: err.Error()}
		}
		if strings.Contains(c.Value, "TZ") {
			return verdict{OK: false, Detail: "cannot use TZ or CRON_TZ in schedule"}
		}
		return verdict{OK: true}
	case "regexp":
		if _, err := regexp.Compile(c.Value); err != nil {
			return verdict{OK: false, Detail: err.Error()}
		}
		return verdict{OK: true}
	case "ip":
		return verdict{OK: net.ParseIP(c.Value) != nil}
	case "cidr":
		_, _, err := net.ParseCIDR(c.Value)
		return verdict{OK: err == nil}
	}
	return verdict{OK: false, Detail: "unknown kind " + c.Kind}
}

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<20)
	out := json.NewEncoder(os.Stdout)
	for in.Scan() {
		var c testCase
		if err := json.Unmarshal(in.Bytes(), &c); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		if err := out.Encode(judge(c)); err != nil {
			os.Exit(2)
		}
	}
}
