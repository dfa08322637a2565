import type { ScaleReport } from './scenario.js';

// The scale test's figures as Markdown: printed by `npm run scale-test`, and written into
// docs/deploy.md from the JSON file of a run (`--record`), never typed by hand.

export const BEGIN =
  '<!-- scale-test figures: written by `npm run scale-test -- --record` from docs/scale-test.json -->';
export const END = '<!-- end of scale-test figures -->';

const ms = (n: number) => `${Math.round(n).toLocaleString('en-US')} ms`;

export function renderReport(report: ScaleReport): string {
  const lines: string[] = [];
  const { throughput, canary, rateLimit, kill } = report;
  lines.push(
    `Run of ${report.date.slice(0, 16).replace('T', ' ')} UTC: Node ${report.machine.node}, HAProxy ${report.machine.haproxy}, ${report.machine.cpus} CPU cores shared by the replicas, HAProxy and the load generator (autocannon, ${report.connections} connections). The two throughput runs go flat out; the four phases after them run at ${report.phaseRate} requests a second, half the balanced throughput.`,
    '',
    '| phase | requests | 2xx | 304 | other answers | connection errors | timeouts | p50 | p99 | req/s |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  );
  for (const p of report.phases) {
    const ok = Object.entries(p.statuses)
      .filter(([code]) => code.startsWith('2'))
      .reduce((a, [, n]) => a + n, 0);
    lines.push(
      `| ${p.name} | ${p.requests} | ${ok} | ${p.statuses['304'] ?? 0} | ${p.failed} | ${p.connectionErrors} | ${p.timeouts} | ${p.p50} ms | ${p.p99} ms | ${p.requestsPerSecond} |`,
    );
  }
  lines.push(
    '',
    `- Throughput: ${throughput.balancedPerSecond} req/s through the balancer to three replicas, ${throughput.directPerSecond} req/s to one replica directly (${throughput.rounds} interleaved rounds): a ratio of **${throughput.ratio}**.`,
    `- ETags: ${report.etagsAcrossReplicas.requests} requests (each path plain, gzip and br) asked of each of the ${report.etagsAcrossReplicas.replicas} replicas directly: ${report.etagsAcrossReplicas.mismatches.length} differ. Through the balancer, the steady phase spread its requests over the replicas (${Object.entries(
      report.steadyRequestsPerReplica,
    )
      .map(([s, n]) => `${s} ${n}`)
      .join(', ')}) and no repeated request got two ETags; its 304s answered ETags that other replicas had given.`,
    `- Rolling restart: ${report.rollingRestart
      .map(
        (s) =>
          `${s.replaced} replaced (new replica ready ${ms(s.startToReadyMs)} and in rotation ${ms(s.startToRotationMs)} after its start; the old one drained and exited ${s.exitCode} ${ms(s.drainMs)} after SIGTERM)`,
      )
      .join('; ')}.`,
    `- SIGKILL: ${kill.slot} out of rotation ${ms(kill.outOfRotationMs)} after the kill; restarted 1 s later, ready ${ms(kill.restartToReadyMs)} after its restart (the server's start-up, on a loaded machine) and back in rotation ${ms(kill.readyToRotationMs)} after that: ${ms(kill.restartToRotationMs)} from restart to rotation (target: 5 s).`,
    `- Canary: a fourth replica on dataset ${canary.canaryVersion} beside three on ${canary.stableVersion} answered ${Math.round(canary.canaryShare * 100)}% of the requests whose version is known; clients saw ${Object.entries(
      report.phases.find((p) => p.name === 'canary')?.versions ?? {},
    )
      .map(([v, n]) => `${n} answers of ${v}`)
      .join(' and ')} (${Object.entries(report.phases.find((p) => p.name === 'canary')?.etagsPerVersion ?? {})
      .map(([v, n]) => `${n} distinct ETags of ${v}`)
      .join(
        ', ',
      )}); ${canary.conditionalAnswered200} revalidations got a full 200 instead of a 304 because they crossed versions.`,
    `- Rate limit of ${rateLimit.limit} a minute at the balancer: ${rateLimit.sent} requests from one client, ${rateLimit.passed} passed (${Object.entries(
      rateLimit.passedPerReplica,
    )
      .map(([s, n]) => `${s} ${n}`)
      .join(
        ', ',
      )}) and ${rateLimit.limited} got 429 with \`Retry-After: ${rateLimit.limitedAnswer.headers['retry-after'] ?? '?'}\`; another client address got ${rateLimit.otherClientStatus} meanwhile.`,
    `- Targets: ${report.failures.length === 0 ? 'all met' : `missed: ${report.failures.join('; ')}`}.`,
    ...report.notes.map((note) => `- Note: ${note}.`),
  );
  return lines.join('\n');
}

/** docs/deploy.md with the figures between the markers replaced. */
export function withFigures(markdown: string, report: ScaleReport): string {
  const start = markdown.indexOf(BEGIN);
  const end = markdown.indexOf(END);
  if (start < 0 || end < start) throw new Error('docs/deploy.md has no scale-test figure markers');
  return `${markdown.slice(0, start + BEGIN.length)}\n${renderReport(report)}\n${markdown.slice(end)}`;
}
