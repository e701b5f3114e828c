/**
 * Insights, for supervisors: anonymous counts over a chosen period as figures, tables and bars
 * (charts.ts), and the same counters per day as a CSV download. The server never sends a count
 * under the threshold; here it reads "fewer than N" and gets no bar.
 */

interface InsightsPeriod {
  from?: string;
  to?: string;
}

class InsightsView {
  private readonly form = byId('insights-period', HTMLFormElement);
  private readonly from = byId('insights-from', HTMLInputElement);
  private readonly to = byId('insights-to', HTMLInputElement);
  private readonly download = byId('insights-download', HTMLButtonElement);
  private readonly error = byId('insights-error', HTMLParagraphElement);
  private readonly intro = byId('insights-intro', HTMLParagraphElement);
  private readonly body = byId('insights-body', HTMLDivElement);
  private readonly number: Intl.NumberFormat;
  private readonly percent: Intl.NumberFormat;
  private min = 0;

  constructor(
    private readonly api: DeskApi,
    private readonly w: Words,
    private readonly status: (text: string) => void,
  ) {
    this.number = new Intl.NumberFormat(w.lang);
    this.percent = new Intl.NumberFormat(w.lang, { style: 'percent', maximumFractionDigits: 0 });
    this.form.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.load();
    });
    for (const b of Array.from(this.form.querySelectorAll<HTMLButtonElement>('button[data-days]'))) {
      b.addEventListener('click', () => {
        this.lastDays(Number(b.dataset['days']));
        void this.load();
      });
    }
    this.download.addEventListener('click', () => void this.csv());
  }

  async load(): Promise<void> {
    const period = this.period();
    if (!period) return;
    try {
      const { insights } = await this.api.insights({ ...period, lang: this.w.lang });
      this.from.value = insights.from;
      this.to.value = insights.to;
      this.render(insights);
    } catch (e) {
      if (e instanceof DeskApiError && e.code === 'invalid_request') this.error.textContent = this.w.t('insights_bad_period');
      else throw e;
    }
  }

  /** The period in the form (both ends, or neither for the server's default), or null after saying what is wrong. */
  private period(): InsightsPeriod | null {
    this.error.textContent = '';
    const from = this.from.value;
    const to = this.to.value;
    if (!from && !to) return {};
    if (!from || !to || from > to) {
      this.error.textContent = this.w.t('insights_bad_period');
      return null;
    }
    return { from, to };
  }

  private lastDays(days: number): void {
    const today = Date.now();
    this.to.value = new Date(today).toISOString().slice(0, 10);
    this.from.value = new Date(today - (days - 1) * 86_400_000).toISOString().slice(0, 10);
  }

  private async csv(): Promise<void> {
    const period = this.period();
    if (!period) return;
    try {
      const { blob, filename } = await this.api.insightsCsv(period);
      const url = URL.createObjectURL(blob);
      const a = el('a');
      a.href = url;
      a.download = filename;
      a.hidden = true;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      this.status(this.w.t('insights_downloaded'));
    } catch (e) {
      if (e instanceof DeskApiError && e.code === 'invalid_request') this.error.textContent = this.w.t('insights_bad_period');
      else throw e;
    }
  }

  private render(d: DeskInsights): void {
    const w = this.w;
    this.min = d.minCount;
    this.intro.textContent = w.t('insights_intro', { min: this.number.format(d.minCount) });
    this.body.textContent = '';
    this.body.append(el('p', 'period', w.t('insights_showing', { from: this.day(d.from), to: this.day(d.to) })));

    const figures = el('dl', 'figures');
    const figure = (label: string, total: DeskTotal) => {
      const item = el('div', 'figure');
      item.append(el('dt', undefined, label), this.total(total, 'dd'));
      figures.append(item);
    };
    figure(w.t('insights_flows_started'), d.totals.flowsStarted);
    figure(w.t('insights_flows_finished'), d.totals.flowsFinished);
    figure(w.t('insights_help_searched'), d.totals.helpSearched);
    figure(w.t('insights_handoffs_requested'), d.totals.handoffsRequested);
    figure(w.t('insights_emergencies'), d.totals.emergencies);
    this.body.append(figures);

    const nothing =
      d.flows.length + d.quiz.length + d.dropOff.length + d.help.byCategory.length + d.handoffs.byLanguage.length + d.emergenciesByLanguage.length + d.interrupts.length === 0;
    if (nothing) {
      this.body.append(el('p', 'empty', w.t('insights_nothing')));
      return;
    }

    const daily = this.section('insights-daily', w.t('insights_daily_heading'));
    daily.append(columnChart(d.daily, `${w.t('insights_daily_heading')}, ${w.t('insights_showing', { from: this.day(d.from), to: this.day(d.to) })}`, (x) => `${this.day(x.day)}: ${this.count(x.count)}`));
    const axis = el('p', 'axis');
    axis.append(el('span', undefined, this.day(d.from)), el('span', undefined, this.day(d.to)));
    daily.append(axis);

    this.flowsTable(d);
    const stops = this.section('insights-dropoff', w.t('insights_dropoff_heading'), w.t('insights_dropoff_hint'));
    const dropMax = maxOf(d.dropOff.map((p) => p.count));
    stops.append(
      this.table(
        w.t('insights_dropoff_heading'),
        [w.t('insights_step'), w.t('insights_stopped')],
        d.dropOff.map((p) => [this.step(p.flowLabel, p.text ?? p.node), this.countCell(p.count, dropMax)]),
      ),
    );
    if (d.dropOffMore > 0) stops.append(el('p', 'hint', w.t('insights_more_steps', { count: this.number.format(d.dropOffMore) })));
    this.quizTable(d);

    const help = this.section('insights-help', w.t('insights_help_heading'));
    help.append(
      this.barTable(w.t('insights_by_category'), w.t('insights_kind'), d.help.byCategory, (c) => (c ? (w.maybe(`category_${c}`) ?? c) : w.t('category_none'))),
      this.barTable(w.t('insights_by_country'), w.t('insights_country'), d.help.byCountry, (c) => (c ? w.country(c) : w.t('country_unknown'))),
    );

    const handoffs = this.section('insights-handoffs', w.t('insights_handoffs_heading'));
    handoffs.append(
      this.barTable(w.t('insights_by_language'), w.t('insights_language'), d.handoffs.byLanguage, (c) => w.language(c)),
      this.barTable(w.t('insights_by_urgency'), w.t('insights_urgency'), d.handoffs.byUrgency, (c) => w.maybe(`urgency_${c}`) ?? c),
      this.barTable(w.t('insights_waits'), w.t('insights_wait'), d.handoffs.answeredByWait, (c) => w.maybe(`wait_${c}`) ?? c),
      el('p', 'unanswered', w.t('insights_unanswered', { count: this.count(d.handoffs.unanswered) })),
      this.barTable(w.t('insights_outcomes'), w.t('insights_outcome'), d.handoffs.outcomes, (c) => w.maybe(`outcome_${c}`) ?? c),
    );

    const emergencies = this.section('insights-emergencies', w.t('insights_emergency_heading'));
    emergencies.append(this.itemTable(w.t('insights_emergency_heading'), w.t('insights_language'), d.emergenciesByLanguage, (c) => w.language(c)));
    const other = this.section('insights-interrupts', w.t('insights_interrupts_heading'));
    other.append(this.itemTable(w.t('insights_interrupts_heading'), w.t('insights_command'), d.interrupts, (c) => w.maybe(`interrupt_${c}`) ?? c));
  }

  private flowsTable(d: DeskInsights): void {
    const w = this.w;
    const s = this.section('insights-flows', w.t('insights_flows_heading'));
    const max = maxOf(d.flows.flatMap((f) => [f.started, f.finished]));
    s.append(
      this.table(
        w.t('insights_flows_heading'),
        [w.t('insights_flow'), w.t('insights_started'), w.t('insights_finished'), w.t('insights_share_finished')],
        d.flows.map((f) => [
          el('span', undefined, f.label),
          this.countCell(f.started, max),
          this.countCell(f.finished, max),
          el('span', 'num', f.finishedShare === null ? '' : this.percent.format(f.finishedShare)),
        ]),
      ),
    );
  }

  private quizTable(d: DeskInsights): void {
    const w = this.w;
    const s = this.section('insights-quiz', w.t('insights_quiz_heading'), w.t('insights_quiz_hint'));
    s.append(
      this.table(
        w.t('insights_quiz_heading'),
        [w.t('insights_scenario'), w.t('insights_right'), w.t('insights_wrong'), w.t('insights_share_wrong')],
        d.quiz.map((q) => {
          const share = el('div', 'with-bar');
          if (q.wrongShare !== null) {
            share.append(el('span', 'num', this.percent.format(q.wrongShare)), barSvg([{ share: q.wrongShare, className: 'wrong' }, { share: 1 - q.wrongShare, className: 'right' }]));
          }
          return [this.step(q.flowLabel, q.text ?? q.node), this.countSpan(q.right), this.countSpan(q.wrong), share];
        }),
      ),
    );
  }

  /** A section with its heading (and a hint under it), added to the body. */
  private section(id: string, title: string, hint?: string): HTMLElement {
    const s = el('section', 'chart-section');
    s.id = id;
    const h = el('h2', undefined, title);
    h.id = `${id}-heading`;
    s.setAttribute('aria-labelledby', h.id);
    s.append(h);
    if (hint) s.append(el('p', 'hint', hint));
    this.body.append(s);
    return s;
  }

  /** A small table of items under its own heading, with a bar per count. */
  private barTable(title: string, column: string, items: DeskItem[], label: (code: string) => string): HTMLElement {
    const part = el('div', 'chart-part');
    part.append(el('h3', undefined, title), this.itemTable(title, column, items, label));
    return part;
  }

  private itemTable(caption: string, column: string, items: DeskItem[], label: (code: string) => string): HTMLTableElement {
    const max = maxOf(items.map((i) => i.count));
    return this.table(caption, [column, this.w.t('insights_count')], items.map((i) => [el('span', undefined, label(i.code)), this.countCell(i.count, max)]));
  }

  private table(caption: string, headers: string[], rows: HTMLElement[][]): HTMLTableElement {
    const table = el('table', 'table chart');
    const cap = el('caption', 'sr-only', caption);
    const head = el('thead');
    const tr = el('tr');
    for (const h of headers) {
      const th = el('th', undefined, h);
      th.scope = 'col';
      tr.append(th);
    }
    head.append(tr);
    const body = el('tbody');
    for (const cells of rows) {
      const row = el('tr');
      cells.forEach((content, i) => {
        const cell = i === 0 ? el('th') : el('td');
        if (cell instanceof HTMLTableCellElement && i === 0) cell.scope = 'row';
        cell.append(content);
        row.append(cell);
      });
      body.append(row);
    }
    table.append(cap, head, body);
    return table;
  }

  /** A flow's name and the step's words. */
  private step(flow: string, text: string): HTMLElement {
    const box = el('span', 'step');
    box.append(el('span', 'flow-name', flow), el('span', 'step-text', text));
    return box;
  }

  /** A count and its bar; a hidden count has no bar (not even an empty one, which would read as zero). */
  private countCell(count: DeskCount, max: number): HTMLElement {
    const box = el('div', 'with-bar');
    box.append(this.countSpan(count));
    if (count !== null) box.append(countBar(count, max));
    return box;
  }

  private countSpan(count: DeskCount): HTMLElement {
    return el('span', count === null ? 'num hidden-count' : 'num', this.count(count));
  }

  private count(count: DeskCount): string {
    return count === null ? this.w.t('fewer_than', { min: this.number.format(this.min) }) : this.number.format(count);
  }

  private total(total: DeskTotal, tag: 'dd'): HTMLElement {
    if (total.count === null && total.atLeast !== null) return el(tag, 'num', this.w.t('at_least', { count: this.number.format(total.atLeast) }));
    return el(tag, total.count === null ? 'num hidden-count' : 'num', this.count(total.count));
  }

  private day(day: string): string {
    return new Date(`${day}T00:00:00Z`).toLocaleDateString(this.w.lang, { timeZone: 'UTC', year: 'numeric', month: 'short', day: 'numeric' });
  }
}

function maxOf(counts: DeskCount[]): number {
  return Math.max(0, ...counts.map((c) => c ?? 0));
}
