import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Locator, Page } from 'playwright-core';
import { SCREENSHOT_DIR, loginAs, screenshot, startWebTestApp, type WebTestApp } from '../support/browser';
import { withoutCultureDay2026 } from '../support/ordinary-week';
import { applicant, expectStatus } from '../support/dossier-api';
import { waitFor } from '../support/wait-for';

/**
 * The supervisor's screens: /giam-sat (live counters that refresh by themselves), /giam-sat/qua-han, /bao-cao.
 * The server's clock is fixed at NOW; the browser's clock starts at NOW too (page.clock) and runs, so "today" and
 * "this month" agree on both sides and the dashboard's refresh interval can be fast-forwarded instead of waited for.
 * The demo supervisor works in H12.01 and sees H12.01 and H12.01.05 (not H12.02). November 2026; 11-23 is a Monday.
 */
const NOW = '2026-11-23T09:00:00+07:00';
const HKD = '1.001193';
const CT = '1.000900';

async function statOf(page: Page, name: string): Promise<Locator> {
  const group = page.getByRole('group', { name, exact: true });
  await group.waitFor();
  return group.locator('.stat');
}

/** Waits until the locator's text is exactly `text` (the page may still be fetching). */
async function waitForText(locator: Locator, text: string): Promise<void> {
  await locator.filter({ hasText: new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\s*$`) }).waitFor();
}

describe('supervisor: dashboard, overdue list, reports (browser)', () => {
  let t: WebTestApp;
  let page: Page;
  const codes: Record<string, string> = {};
  const ids: Record<string, string> = {};

  async function receive(name: string, agencyCode: string, procedureCode: string, receivedAt?: string) {
    const res = await t.http.post('/api/v1/dossiers').send({ procedureCode, agencyCode, channel: 'direct', applicant: applicant(`Người nộp ${name}`), ...(receivedAt ? { receivedAt } : {}) });
    expectStatus(res, 201);
    codes[name] = res.body.code;
    ids[name] = res.body.id;
    return res.body as { overdue: boolean };
  }

  async function complete(name: string, at: string) {
    const event = async (body: Record<string, unknown>) => {
      const res = await t.http.post(`/api/v1/dossiers/${ids[name]}/events`).send({ ...body, occurredAt: at });
      expectStatus(res, 200);
      return res.body as { allowedEvents: string[] };
    };
    let d = await event({ type: 'FORWARD' });
    while (!d.allowedEvents.includes('COMPLETE')) d = await event({ type: 'FORWARD' });
    await event({ type: 'COMPLETE', resultType: 'approved' });
  }

  beforeAll(async () => {
    t = await startWebTestApp({ now: NOW });
    await withoutCultureDay2026(t);
    // Back-dated by an administrator: overdue since 29 October (no worker runs: `overdue` is computed from the clock).
    expect((await receive('OLD', 'H12.01', HKD, '2026-10-26T09:00:00+07:00')).overdue).toBe(true);
    await receive('OCT_EARLY', 'H12.01', HKD, '2026-10-05T09:00:00+07:00');
    await complete('OCT_EARLY', '2026-10-06T09:00:00+07:00');
    await receive('NOV_EARLY', 'H12.01', HKD, '2026-11-02T09:00:00+07:00');
    await complete('NOV_EARLY', '2026-11-03T09:00:00+07:00');
    await receive('NOV_ON_TIME', 'H12.01', HKD, '2026-11-09T09:00:00+07:00');
    await complete('NOV_ON_TIME', '2026-11-12T08:00:00+07:00');
    await receive('NOV_LATE', 'H12.01.05', CT, '2026-11-10T09:00:00+07:00');
    await complete('NOV_LATE', '2026-11-10T14:00:00+07:00');
    await receive('TODAY', 'H12.01', HKD);
    // Overdue, but another commune's: never on this supervisor's screens.
    await receive('OTHER', 'H12.02', HKD, '2026-10-01T09:00:00+07:00');
    page = await t.newPage();
    await page.clock.install({ time: new Date(NOW) });
    await loginAs(page, 'supervisor');
  });
  afterAll(() => t.close());

  it('dashboard: counts the back-dated overdue dossier, lists it, and refreshes by itself when another becomes overdue', async () => {
    expect(new URL(page.url()).pathname).toBe('/giam-sat');
    await page.getByRole('heading', { name: 'Bảng theo dõi, giám sát' }).waitFor();
    await waitForText(await statOf(page, 'Quá hạn'), '1');
    await waitForText(await statOf(page, 'Đang giải quyết'), '2');
    await waitForText(await statOf(page, 'Có kết quả, chờ trả'), '4');
    await waitForText(await statOf(page, 'Tiếp nhận mới'), '1');
    await waitForText(await statOf(page, 'Đã giải quyết'), '0');
    const mostOverdue = page.getByRole('region', { name: 'Hồ sơ quá hạn lâu nhất' });
    const link = mostOverdue.getByRole('link', { name: codes.OLD });
    expect(await link.getAttribute('href')).toBe(`/ho-so/${ids.OLD}`);
    // Due Thursday 29 October 09:00: 25 days before the server's now.
    await mostOverdue.getByRole('row', { name: new RegExp(codes.OLD) }).getByText('25 ngày', { exact: true }).waitFor();
    expect(await mostOverdue.getByText(codes.OTHER).count()).toBe(0);
    // This month: one early, one on time, one overdue.
    await page.getByRole('img', { name: /Tháng 11\/2026 \(đến hôm nay\): 3 hồ sơ đã giải quyết — trước hạn 1 \(33,3%\), đúng hạn 1 \(33,3%\), quá hạn 1 \(33,3%\)/ }).waitFor();
    const byAgency = page.getByRole('region', { name: 'Theo đơn vị' });
    expect(await byAgency.getByRole('rowheader').allTextContents()).toEqual([
      'Ủy ban nhân dân xã Tiên Du (H12.01)',
      'Phòng Kinh tế xã Tiên Du (H12.01.05)',
      'Tổng cộng',
    ]);
    await byAgency.getByRole('link', { name: '1 hồ sơ quá hạn của Ủy ban nhân dân xã Tiên Du' }).waitFor();
    const updatedAt = await page.getByTestId('updated-at').textContent();
    expect(updatedAt).toMatch(/^Cập nhật lúc \d\d:\d\d:\d\d/);
    await screenshot(page, '30-dashboard');

    // Another back-dated dossier becomes overdue after the page loaded; the next automatic refresh shows it, no reload.
    await page.evaluate('window.marker = 42');
    await receive('OLD2', 'H12.01.05', HKD, '2026-10-20T09:00:00+07:00');
    await page.clock.fastForward(16_000);
    await waitForText(await statOf(page, 'Quá hạn'), '2');
    await byAgency.getByRole('link', { name: '1 hồ sơ quá hạn của Phòng Kinh tế xã Tiên Du' }).waitFor();
    expect(await mostOverdue.getByRole('link').allTextContents()).toEqual([codes.OLD2, codes.OLD]);
    expect(await page.evaluate('window.marker')).toBe(42);
    expect(await page.getByTestId('updated-at').textContent()).not.toBe(updatedAt);
  });

  it('dashboard on a phone: the counters and tables fit the screen', async () => {
    const phone = await t.newPage({ viewport: { width: 390, height: 844 } });
    await phone.clock.install({ time: new Date(NOW) });
    await loginAs(phone, 'supervisor');
    await waitForText(await statOf(phone, 'Quá hạn'), '2');
    // This month's chart comes from its own requests: measure the page once it is drawn too.
    await phone.getByRole('img', { name: /^Tháng 11\/2026 \(đến hôm nay\)/ }).waitFor();
    // Wide tables scroll inside their own box; the page itself does not scroll sideways.
    expect(await phone.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await screenshot(phone, '34-dashboard-phone');
    await phone.context().close();
  });

  it('overdue list: the overdue dossiers of the subtree with how late and the step, filtered by agency, page by page', async () => {
    await page.getByRole('navigation', { name: 'Chức năng' }).getByRole('link', { name: 'Hồ sơ quá hạn' }).click();
    await page.getByRole('heading', { name: 'Hồ sơ quá hạn' }).waitFor();
    const table = page.getByRole('table');
    const oldRow = table.getByRole('row', { name: new RegExp(codes.OLD) });
    // The agency's name and the lateness come from their own requests.
    await oldRow.getByText('Ủy ban nhân dân xã Tiên Du').waitFor();
    await oldRow.getByText('25 ngày', { exact: true }).waitFor();
    const expected = [
      codes.OLD,
      'Đăng ký thành lập hộ kinh doanh',
      'Người nộp OLD',
      'Ủy ban nhân dân xã Tiên Du',
      '09:00 ngày 29/10/2026',
      '25 ngày',
      'Tiếp nhận, chuyển hồ sơ (Cán bộ tiếp nhận (Một cửa))',
      'Đang giải quyết',
    ];
    // The list refetches on its own (its interval runs on the browser's fast-forwarded clock): read the row once it is drawn whole.
    const cells = () => oldRow.getByRole('cell').allTextContents();
    await waitFor(async () => JSON.stringify(await cells()) === JSON.stringify(expected), 15_000, 'the OLD row drawn whole').catch(() => undefined);
    expect(await cells()).toEqual(expected);
    await table.getByRole('row', { name: new RegExp(codes.OLD2) }).getByText('31 ngày', { exact: true }).waitFor();
    expect(await table.getByText(codes.OTHER).count()).toBe(0);
    expect(await page.getByTestId('overdue-total').textContent()).toBe('2');
    await screenshot(page, '31-overdue-list');

    // Twenty more overdue at the commune: 22 in all, two pages of 20.
    for (let i = 0; i < 20; i++) await receive(`BULK${i}`, 'H12.01.05', CT, `2026-11-16T09:${String(i).padStart(2, '0')}:00+07:00`);
    await page.reload();
    // Most overdue first: OLD2 (31 days), OLD (25 days), then the commune's by appointment.
    await table.getByRole('row', { name: new RegExp(codes.BULK17) }).waitFor();
    expect(await table.locator('tbody tr').count()).toBe(20);
    expect(await table.locator('tbody tr').first().textContent()).toContain(codes.OLD2);
    expect(await table.locator('tbody tr').nth(1).textContent()).toContain(codes.OLD);
    await page.getByRole('button', { name: 'Trang sau ›' }).click();
    await table.getByRole('row', { name: new RegExp(codes.BULK19) }).waitFor();
    expect(await table.locator('tbody tr').count()).toBe(2);
    expect(await page.getByRole('button', { name: 'Trang sau ›' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: '‹ Trang trước' }).click();
    await table.getByRole('row', { name: new RegExp(codes.OLD2) }).waitFor();

    await page.getByLabel('Đơn vị').selectOption('H12.01');
    // The commune's dossiers leave the list once the filter has applied.
    await table.getByRole('row', { name: new RegExp(codes.BULK0) }).waitFor({ state: 'detached' });
    await table.getByRole('row', { name: new RegExp(codes.OLD) }).waitFor();
    expect(await table.locator('tbody tr').count()).toBe(1);
    expect(new URL(page.url()).searchParams.get('agencyCode')).toBe('H12.01');
    await page.getByLabel('Thủ tục hành chính').selectOption(CT);
    await page.getByText('Không có hồ sơ quá hạn theo điều kiện lọc.').waitFor();
  });

  it('reports: shares over months, agencies and procedures as charts with their numbers, the 766 score and Biểu 06a', async () => {
    await page.getByRole('navigation', { name: 'Chức năng' }).getByRole('link', { name: 'Báo cáo, thống kê' }).click();
    await page.getByRole('heading', { name: 'Báo cáo, thống kê kết quả giải quyết TTHC' }).waitFor();
    // November 2026 by default. Resolved: NOV_EARLY, NOV_ON_TIME (H12.01), NOV_LATE (H12.01.05).
    await waitForText(await statOf(page, 'Đã giải quyết'), '3');
    await waitForText(await statOf(page, 'Trước hạn và đúng hạn'), '66,7%');
    // 766: resolved in time (2) + open within deadline (TODAY) over resolved (3) + open (OLD, OLD2, TODAY, 20 BULK).
    await page.getByRole('group', { name: 'Điểm tiến độ giải quyết (Quyết định 766)' }).getByText('3/26 hồ sơ đúng hạn hoặc còn trong hạn').waitFor();

    const monthly = page.getByRole('img', { name: /^Theo tháng, 12 tháng đến tháng 11\/2026/ });
    const described = await monthly.locator('desc').textContent();
    expect(described).toContain('Tháng 12/2025: chưa có hồ sơ nào được giải quyết');
    expect(described).toContain('Tháng 10/2026: 1 hồ sơ đã giải quyết — trước hạn 1 (100%), đúng hạn 0 (0%), quá hạn 0 (0%)');
    expect(described).toContain('Tháng 11/2026: 3 hồ sơ đã giải quyết — trước hạn 1 (33,3%), đúng hạn 1 (33,3%), quá hạn 1 (33,3%)');
    expect(await monthly.locator('g > rect[fill]').count()).toBe(4);
    await page
      .getByRole('figure', { name: 'Theo đơn vị — Tháng 11/2026' })
      .getByRole('img', { name: 'Ủy ban nhân dân xã Tiên Du: 2 hồ sơ đã giải quyết — trước hạn 1 (50%), đúng hạn 1 (50%), quá hạn 0 (0%)' })
      .waitFor();
    await page
      .getByRole('figure', { name: 'Theo thủ tục hành chính — Tháng 11/2026' })
      .getByRole('img', { name: /^Chứng thực bản sao .*: 1 hồ sơ đã giải quyết — trước hạn 0 \(0%\), đúng hạn 0 \(0%\), quá hạn 1 \(100%\)$/ })
      .waitFor();
    await page.getByRole('region', { name: 'Tỷ lệ giải quyết trước hạn, đúng hạn, quá hạn' }).screenshot({ path: join(SCREENSHOT_DIR, '32-reports-charts.png') });

    // Biểu 06a by agency: columns 3–13 as the form numbers them.
    const form = page.getByRole('region', { name: 'Biểu 06a — Kết quả giải quyết thủ tục hành chính' });
    const cellsOf = async (label: string) => (await form.getByRole('row', { name: new RegExp(`^(\\d+ )?${label}`) }).getByRole('cell').allTextContents()).filter((c) => c !== '').slice(-11);
    /** Waits for the row to show these numbers (a new period or agency is fetched first), then compares for a readable diff. */
    const expectRow = async (label: string, cells: string[]) => {
      await form.getByRole('row', { name: new RegExp(`^(\\d+ )?${label} ${cells.join(' ')}$`) }).waitFor().catch(() => undefined);
      expect(await cellsOf(label)).toEqual(cells);
    };
    // H12.01: carried over OLD; new NOV_EARLY, NOV_ON_TIME, TODAY; resolved early 1, on time 1; open: TODAY within, OLD overdue.
    await expectRow('Ủy ban nhân dân xã Tiên Du', ['4', '0', '3', '1', '2', '1', '1', '0', '2', '1', '1']);
    await expectRow('Tổng cộng', ['26', '0', '24', '2', '3', '1', '1', '1', '23', '1', '22']);
    await form.screenshot({ path: join(SCREENSHOT_DIR, '33-report-06a.png') });

    const [download] = await Promise.all([page.waitForEvent('download'), form.getByRole('button', { name: 'Tải Excel (Biểu 06a)' }).click()]);
    expect(download.suggestedFilename()).toBe('bieu-06a_2026-11-01_2026-11-30_agency.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile((await download.path())!);
    const ws = wb.getWorksheet('Biểu 06a')!;
    const rows: unknown[][] = [];
    ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    expect(rows.find((r) => r[1] === 'Ủy ban nhân dân xã Tiên Du')).toEqual([1, 'Ủy ban nhân dân xã Tiên Du', 4, 0, 3, 1, 2, 1, 1, 0, 2, 1, 1]);
    expect(rows.find((r) => r[1] === 'Tổng cộng')?.slice(2)).toEqual([26, 0, 24, 2, 3, 1, 1, 1, 23, 1, 22]);

    // Step lateness per agency that held the steps (its numbers: test/reports-lateness.e2e-spec.ts).
    const lateness = page.getByRole('region', { name: 'Chậm muộn theo đơn vị giữ bước' });
    for (const name of ['Đơn vị giữ bước', 'Số bước xử lý', 'Số bước trễ hạn', 'Số giờ làm việc trễ']) await lateness.getByRole('columnheader', { name }).waitFor();
    await lateness.getByRole('row', { name: /^Tổng cộng/ }).waitFor();

    // One agency: only its own dossiers (H12.01.05: NOV_LATE, carried-over OLD2 and the twenty from 16 November).
    await page.getByLabel('Đơn vị', { exact: true }).selectOption('H12.01.05');
    await waitForText(await statOf(page, 'Đã giải quyết'), '1');
    await expectRow('Tổng cộng', ['22', '0', '21', '1', '1', '0', '0', '1', '21', '0', '21']);
    await page.getByLabel('Đơn vị', { exact: true }).selectOption('');
    // Back to all agencies before the month changes, so the next "1" cannot be the commune's.
    await waitForText(await statOf(page, 'Đã giải quyết'), '3');

    // Another period: October (received OCT_EARLY, OLD, OLD2; only OCT_EARLY resolved), and a month that has not begun is refused before asking.
    await page.getByLabel('Tháng', { exact: true }).selectOption('10');
    await waitForText(await statOf(page, 'Đã giải quyết'), '1');
    await expectRow('Tổng cộng', ['3', '0', '3', '0', '1', '1', '0', '0', '2', '0', '2']);
    await page.getByLabel('Tháng', { exact: true }).selectOption('12');
    await page.getByText('Kỳ báo cáo chưa bắt đầu: chọn kỳ không sau ngày hôm nay.').waitFor();
    expect(await page.getByLabel('Tháng', { exact: true }).getAttribute('aria-invalid')).toBe('true');
  });
});
