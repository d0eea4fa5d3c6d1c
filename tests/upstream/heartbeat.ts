// The control plane's heartbeat CronJob and the Prometheus it queries (linkerd/linkerd2 at
// edge-26.8.3, the same at edge-26.6.3), written down by hand for the tests. Not used by the program.

/**
 * The Prometheus the heartbeat queries when the chart's `prometheusUrl` is empty: viz's bundled one
 * (charts/linkerd-control-plane/templates/heartbeat.yaml: `-prometheus-url=http://prometheus.linkerd-viz.svc.{{.Values.clusterDomain}}:9090`),
 * for the default cluster domain. With the bundled Prometheus off, nothing answers there.
 */
export const HEARTBEAT_DEFAULT_PROMETHEUS_URL = "http://prometheus.linkerd-viz.svc.cluster.local:9090";
