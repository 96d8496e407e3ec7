import type { Page } from 'playwright-core';
import { captureForm, loginAs, screenshot, shownPdf, startWebTestApp, type WebTestApp } from '../support/browser';
import { pdfCodes, pdfText } from '../support/pdf';
import { withoutCultureDay2026 } from '../support/ordinary-week';
import { act, as, eventsOf, getDossier, listAll, receive } from '../support/dossier-api';

const RECEPTION = as('reception', 'mot.cua');

/** "09:00 ngày 26/11/2026" and "thứ năm" from an API time, the way the receipt prints an appointment (Vietnam time). */
function appointmentParts(iso: string): { dateTime: string; weekday: string } {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', day: '2-digit', month: '2-digit', year: 'numeric', hourCycle: 'h23' })
      .formatToParts(new Date(iso))
      .map((x) => [x.type, x.value]),
  );
  const weekday = new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', weekday: 'long' }).format(new Date(iso));
  return { dateTime: `${p.hour}:${p.minute} ngày ${p.day}/${p.month}/${p.year}`, weekday: weekday.toLowerCase() };
}

/** "09 giờ 00 phút, ngày 26 tháng 11 năm 2026": a time as the server's forms print it (Vietnam time). */
function printedTime(iso: string): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', day: '2-digit', month: '2-digit', year: 'numeric', hourCycle: 'h23' })
      .formatToParts(new Date(iso))
      .map((x) => [x.type, x.value]),
  );
  return `${p.hour} giờ ${p.minute} phút, ngày ${p.day} tháng ${p.month} năm ${p.year}`;
}

/** pdftotext keeps the layout; the spaces and line breaks it adds are squeezed for matching. */
const squeeze = (s: string) => s.replace(/\s+/g, ' ');

async function text(page: Page, testId: string): Promise<string> {
  return ((await page.getByTestId(testId).textContent()) ?? '').trim();
}

async function chooseHouseholdBusiness(page: Page): Promise<void> {
  // Without diacritics, as officers often type.
  await page.getByLabel('Tìm thủ tục (mã hoặc tên)').fill('ho kinh doanh');
  await page.getByRole('combobox', { name: 'Thủ tục hành chính', exact: true }).selectOption('1.001193');
}

/** Receive → every internal step forwarded by its own role → COMPLETE at the desk's step: a result waiting to be handed back. */
async function resultReady(t: WebTestApp, fullName: string) {
  const d = await receive(t, { procedureCode: '1.001193', agencyCode: 'H12.01', fullName, headers: RECEPTION });
  for (const role of ['reception', 'specialist', 'leader', 'clerk']) await act(t, d.id, { type: 'FORWARD' }, { headers: as(role, `${role}.officer`) });
  return act(t, d.id, { type: 'COMPLETE', resultType: 'approved' }, { headers: RECEPTION });
}

async function awaitingSupplement(t: WebTestApp, fullName: string, missingItems: string[], note: string) {
  const d = await receive(t, { procedureCode: '1.001193', agencyCode: 'H12.01', fullName, headers: RECEPTION });
  return act(t, d.id, { type: 'REQUEST_SUPPLEMENT', note, missingItems }, { headers: RECEPTION });
}

describe('reception desk and public lookup (browser)', () => {
  let t: WebTestApp;
  beforeAll(async () => {
    t = await startWebTestApp();
    await withoutCultureDay2026(t);
  });
  afterAll(() => t.close());

  it('receives a dossier through the form, once despite a lost answer, and shows the receipt as the server’s PDF (appointment, QR code, barcode)', async () => {
    const page = await t.newPage();
    await loginAs(page, 'reception');
    expect(new URL(page.url()).pathname).toBe('/tiep-nhan');
    await chooseHouseholdBusiness(page);
    await expect(text(page, 'processing-time')).resolves.toBe('3 ngày làm việc');
    await page.getByText('100.000 đồng').waitFor();

    await page.getByRole('checkbox', { name: 'Giấy đề nghị đăng ký hộ kinh doanh' }).check();
    await page.getByRole('checkbox', { name: 'Bản sao giấy tờ pháp lý của cá nhân đối với chủ hộ kinh doanh' }).check();
    await page.getByLabel('Số bản: Bản sao giấy tờ pháp lý của cá nhân đối với chủ hộ kinh doanh').fill('2');
    await page.getByLabel('Họ và tên người nộp').fill('Trần Thị Bình');
    await page.getByLabel('Số CCCD').fill('001190012345');
    await page.getByLabel('Số điện thoại').fill('0912 345 678');
    await page.getByLabel('Email').fill('binh.tran@example.vn');
    await page.getByLabel('Địa chỉ').fill('Thôn Lũng Giang, xã Lim, huyện Tiên Du');
    await page.getByRole('radio', { name: 'Trực tiếp' }).check();
    await screenshot(page, '10-intake-form');

    // The third document (needed only when family members register together) is not ticked: the desk must confirm.
    await page.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
    const warning = page.getByRole('alert').filter({ hasText: 'Hồ sơ chưa đủ thành phần' });
    await warning.getByText('Bản sao biên bản họp thành viên hộ gia đình', { exact: false }).waitFor();
    expect(await listAll(t, { q: 'Trần Thị Bình' })).toHaveLength(0);
    await page.getByRole('checkbox', { name: /Tôi xác nhận vẫn tiếp nhận/ }).check();

    // The first answer is lost on the way back (the dossier was created); the retry must return it, not make a second one.
    const keys: string[] = [];
    await page.route('**/api/v1/dossiers', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      keys.push(route.request().headers()['idempotency-key']);
      if (keys.length === 1) {
        await route.fetch();
        return route.abort('connectionreset');
      }
      return route.continue();
    });
    await page.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
    await page.getByText('Không kết nối được máy chủ').waitFor();
    await expect(page.getByLabel('Họ và tên người nộp').inputValue()).resolves.toBe('Trần Thị Bình');
    const receiptAnswer = await captureForm(page, 'receipt');
    await page.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();

    await page.getByRole('heading', { name: /^Giấy tiếp nhận hồ sơ và hẹn trả kết quả/ }).waitFor();
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
    const created = await listAll(t, { q: 'Trần Thị Bình' });
    expect(created).toHaveLength(1);

    const id = /\/ho-so\/([^/]+)\/giay-tiep-nhan$/.exec(new URL(page.url()).pathname)?.[1];
    expect(id).toBe(created[0].id);
    const dossier = await getDossier(t, id!);
    const code = dossier.code;
    expect(code).toMatch(/^H12\.01-\d{6}-\d{4}$/);
    expect(dossier).toMatchObject({ procedureCode: '1.001193', channel: 'direct', applicant: { fullName: 'Trần Thị Bình', idNumber: '001190012345', phone: '0912345678' } });
    expect((dossier as unknown as { documents: unknown }).documents).toEqual([
      { code: 'GDN', name: 'Giấy đề nghị đăng ký hộ kinh doanh', copies: 1 },
      { code: 'GTPL', name: 'Bản sao giấy tờ pháp lý của cá nhân đối với chủ hộ kinh doanh', copies: 2 },
    ]);
    await page.getByRole('heading', { name: `Giấy tiếp nhận hồ sơ và hẹn trả kết quả – hồ sơ ${code}` }).waitFor();

    // The receipt is the server's PDF, shown in the page: the officer prints it from there.
    const { type, pdf } = await shownPdf(page, 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả', receiptAnswer);
    expect(type).toBe('application/pdf');
    const receipt = squeeze(await pdfText(pdf));
    expect(receipt).toContain('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ');
    expect(receipt).toContain(`Mã hồ sơ: ${code}`);
    expect(receipt).toContain('Trần Thị Bình');
    expect(receipt).toContain('Giấy đề nghị đăng ký hộ kinh doanh');
    expect(receipt).toContain('Bản sao giấy tờ pháp lý');
    expect(receipt).toContain(printedTime(dossier.dueAt));
    // The officer who received it signs the receipt.
    const userName = ((await page.getByTestId('user-name').textContent()) ?? '').trim();
    expect(receipt).toContain(userName);
    // The QR code opens the public lookup with the dossier's lookup key; the barcode is the code, for the desk's scanner.
    const { lookupKey } = dossier as unknown as { lookupKey: string };
    const { qr, code128 } = await pdfCodes(pdf);
    expect(qr).toMatch(new RegExp(`/tra-cuu\\?ma=${code.replace(/\./g, '\\.')}&k=${lookupKey}$`));
    expect(code128).toBe(code);
    await screenshot(page, '11-receipt');

    // Downloaded under the server's name, with its Vietnamese letters.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Tải xuống' }).click();
    expect((await download).suggestedFilename()).toBe(`Mẫu 01 - Giấy tiếp nhận hồ sơ và hẹn trả kết quả - ${code}.pdf`);

    // The next applicant is one click away; the way back leads to the dossier.
    await expect(page.getByRole('link', { name: 'Tiếp nhận hồ sơ mới' }).getAttribute('href')).resolves.toBe('/tiep-nhan');
    await page.getByRole('link', { name: 'Quay lại hồ sơ' }).click();
    await page.getByRole('heading', { name: `Hồ sơ ${code}`, level: 1 }).waitFor();
    await page.context().close();
  });

  it('shows the desk its own field errors and the API’s, keeps what was typed, and creates nothing (on a phone-sized screen)', async () => {
    const page = await t.newPage({ viewport: { width: 390, height: 844 } });
    await loginAs(page, 'reception');
    await chooseHouseholdBusiness(page);
    await page.getByRole('button', { name: 'Đánh dấu đủ tất cả' }).click();
    await page.getByLabel('Họ và tên người nộp').fill('Lê Văn Sai Số');
    const idNumber = page.getByLabel('Số CCCD');
    await idNumber.fill('12345');
    await page.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
    await page.getByText('Số CCCD phải gồm đúng 12 chữ số.').waitFor();
    await expect(idNumber.getAttribute('aria-invalid')).resolves.toBe('true');
    // The error is wired to the field for screen readers, and the field gets the focus.
    const describedBy = (await idNumber.getAttribute('aria-describedby')) ?? '';
    await expect(page.locator(`[id="${describedBy.split(' ').pop()}"]`).textContent()).resolves.toBe('Số CCCD phải gồm đúng 12 chữ số.');
    // The form moves the focus just after showing the errors (a timer): wait for it to land anywhere on a field.
    await page.waitForFunction("document.activeElement?.tagName === 'INPUT'");
    await expect(page.evaluate('document.activeElement.id')).resolves.toBe(await idNumber.getAttribute('id'));

    // An address the form lets through but the API refuses (a one-letter top-level domain): the API's reason is shown under the field.
    await idNumber.fill('001090099999');
    await page.getByLabel('Email').fill('le@van.c');
    await page.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
    await page.getByText('Máy chủ từ chối: không phải địa chỉ email hợp lệ.').waitFor();
    await page.getByText('Hồ sơ chưa được tạo').waitFor();
    await expect(page.getByLabel('Email').getAttribute('aria-invalid')).resolves.toBe('true');
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await screenshot(page, '18-intake-errors-phone');
    await expect(page.getByLabel('Họ và tên người nộp').inputValue()).resolves.toBe('Lê Văn Sai Số');
    expect(new URL(page.url()).pathname).toBe('/tiep-nhan');
    expect(await listAll(t, { q: 'Lê Văn Sai Số' })).toHaveLength(0);
    await page.context().close();
  });

  it('shows the supplement request as the server’s PDF from the latest REQUEST_SUPPLEMENT event, and says so when there is none', async () => {
    const missing = ['Bản sao biên bản họp thành viên hộ gia đình', 'Giấy đề nghị ghi thiếu ngành, nghề kinh doanh'];
    const d = await awaitingSupplement(t, 'Phạm Văn Cường', missing, 'Các thành viên hộ gia đình cùng đăng ký nhưng thiếu biên bản họp');
    const page = await t.newPage();
    await loginAs(page, 'reception');
    const answer = await captureForm(page, 'supplement-request');
    await page.goto(`/ho-so/${d.id}/phieu-bo-sung`);
    await page.getByRole('heading', { name: `Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ – hồ sơ ${d.code}` }).waitFor();
    const { type, pdf } = await shownPdf(page, 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ', answer);
    expect(type).toBe('application/pdf');
    const text = squeeze(await pdfText(pdf));
    expect(text).toContain('PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ');
    expect(text).toContain(d.code);
    for (const item of missing) expect(text).toContain(item);
    expect(text).toContain('Các thành viên hộ gia đình cùng đăng ký nhưng thiếu biên bản họp');
    expect(text).toContain('Phạm Văn Cường');
    await page.getByRole('button', { name: 'In', exact: true }).waitFor();
    await screenshot(page, '12-supplement-request');

    // A dossier without a request: the server answers 409 and the page says why, in Vietnamese.
    const fresh = await receive(t, { procedureCode: '1.001193', agencyCode: 'H12.01', fullName: 'Chưa Bổ Sung', headers: RECEPTION });
    await page.goto(`/ho-so/${fresh.id}/phieu-bo-sung`);
    await page.getByText(`Hồ sơ ${fresh.code} không có mẫu 02 (Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ): chưa có yêu cầu bổ sung nào`).waitFor();
    await expect(page.locator('iframe').count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'In', exact: true }).isDisabled()).resolves.toBe(true);
    await page.context().close();
  });

  it('hands a ready result back after a confirmation (returned in the API) and takes in a supplement at the same desk', async () => {
    const ready = await resultReady(t, 'Hoàng Thị Dung');
    const waiting = await awaitingSupplement(t, 'Vũ Văn Em', ['Bản sao giấy tờ pháp lý của chủ hộ'], 'Bản sao không rõ chữ');
    const page = await t.newPage();
    await loginAs(page, 'reception');
    await page.getByRole('link', { name: 'Trả kết quả', exact: true }).click();
    await page.getByRole('heading', { name: 'Trả kết quả', level: 1 }).waitFor();
    const readyTable = page.getByRole('region', { name: /Hồ sơ đã có kết quả, chờ trả/ });
    await readyTable.getByRole('row', { name: new RegExp(ready.code.replace(/\./g, '\\.')) }).getByText('Chấp thuận (có kết quả)').waitFor();
    await page.getByRole('region', { name: /Hồ sơ chờ bổ sung/ }).getByRole('link', { name: waiting.code, exact: true }).waitFor();
    await screenshot(page, '13-hand-back');

    // Searching by the applicant narrows both queues.
    await page.getByLabel('Tìm theo mã hồ sơ hoặc tên người nộp').fill('Hoàng Thị');
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    await page.getByText('Không có hồ sơ nào đang chờ người nộp bổ sung.').waitFor();

    await page.getByRole('button', { name: `Trả kết quả hồ sơ ${ready.code}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Xác nhận trả kết quả' });
    await dialog.getByText('Hoàng Thị Dung').waitFor();
    // Cancelling changes nothing.
    await dialog.getByRole('button', { name: 'Hủy' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect((await getDossier(t, ready.id)).status).toBe('result_ready');

    await page.getByRole('button', { name: `Trả kết quả hồ sơ ${ready.code}` }).click();
    await dialog.getByLabel(/Ghi chú/).fill('Bà Dung nhận, đã đối chiếu CCCD');
    await screenshot(page, '15-hand-back-confirm');
    await dialog.getByRole('button', { name: 'Xác nhận đã trả kết quả' }).click();
    await page.getByRole('status').filter({ hasText: `Đã trả kết quả hồ sơ ${ready.code}` }).waitFor();
    await page.getByText('Không có hồ sơ nào chờ trả kết quả.').waitFor();
    const returned = await getDossier(t, ready.id);
    expect(returned).toMatchObject({ status: 'returned', nationalStatusCode: 10 });
    expect(returned.returnedAt).not.toBeNull();
    const deliver = (await eventsOf(t, ready.id)).at(-1)!;
    expect(deliver).toMatchObject({ type: 'DELIVER', note: 'Bà Dung nhận, đã đối chiếu CCCD', actor: { username: 'reception' } });

    await page.getByLabel('Tìm theo mã hồ sơ hoặc tên người nộp').fill(waiting.code);
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    await expect(page.getByRole('link', { name: `In phiếu yêu cầu bổ sung hồ sơ ${waiting.code}` }).getAttribute('href')).resolves.toBe(
      `/ho-so/${waiting.id}/phieu-bo-sung`,
    );
    // The applicant comes back the next day.
    t.clock.set('2026-11-24T10:00:00+07:00');
    await page.getByRole('button', { name: `Nhận bổ sung hồ sơ ${waiting.code}` }).click();
    await page.getByRole('dialog', { name: 'Xác nhận nhận hồ sơ bổ sung' }).getByRole('button', { name: 'Xác nhận đã nhận bổ sung' }).click();
    await page.getByRole('status').filter({ hasText: `Đã nhận bổ sung hồ sơ ${waiting.code}` }).waitFor();
    const resumed = await getDossier(t, waiting.id);
    expect(resumed).toMatchObject({ status: 'processing', supplementCount: 1 });
    expect(resumed.dueAt).not.toBe(waiting.dueAt);
    // The restart policy gives a new appointment: the desk sees it and can reprint the receipt.
    await page.getByText(appointmentParts(resumed.dueAt).dateTime, { exact: false }).waitFor();
    await page.getByRole('link', { name: 'In lại giấy tiếp nhận' }).waitFor();
    await page.context().close();
  });

  it('lists on the dossier page the forms it has ("Mẫu in"), each opening as the server’s PDF', async () => {
    const d = await awaitingSupplement(t, 'Ngô Thị Mẫu', ['Bản sao giấy tờ pháp lý của chủ hộ'], 'Bản sao mờ');
    const page = await t.newPage();
    await loginAs(page, 'reception');
    await page.goto(`/ho-so/${d.id}`);
    const forms = page.getByRole('region', { name: 'Mẫu in' });
    const listed = async () => forms.getByRole('link').allTextContents();
    await forms.getByRole('link', { name: /^Mẫu 02/ }).waitFor();
    await expect(listed()).resolves.toEqual([
      'Mẫu 01: Giấy tiếp nhận hồ sơ và hẹn trả kết quả',
      'Mẫu 02: Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ',
      'Mẫu 06: Phiếu kiểm soát quá trình giải quyết hồ sơ',
    ]);
    await screenshot(page, '50-dossier-forms');

    // The applicant comes back, then withdraws the dossier: the stop notice joins the list.
    await act(t, d.id, { type: 'SUPPLEMENT_RECEIVED' }, { headers: RECEPTION });
    await act(t, d.id, { type: 'WITHDRAW', note: 'Người nộp rút để nộp lại sau' }, { headers: RECEPTION });
    await page.reload();
    await forms.getByRole('link', { name: /^Mẫu 05/ }).waitFor();
    await expect(listed()).resolves.toEqual([
      'Mẫu 01: Giấy tiếp nhận hồ sơ và hẹn trả kết quả',
      'Mẫu 02: Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ',
      'Mẫu 05: Thông báo dừng giải quyết hồ sơ',
      'Mẫu 06: Phiếu kiểm soát quá trình giải quyết hồ sơ',
    ]);

    const stopAnswer = await captureForm(page, 'stop-notice');
    await forms.getByRole('link', { name: /^Mẫu 05/ }).click();
    const stop = await shownPdf(page, 'Thông báo dừng giải quyết hồ sơ', stopAnswer);
    expect(new URL(page.url()).pathname).toBe(`/ho-so/${d.id}/thong-bao-dung`);
    expect(stop.type).toBe('application/pdf');
    const stopText = squeeze(await pdfText(stop.pdf));
    expect(stopText).toContain('THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ');
    expect(stopText).toContain('Người nộp rút để nộp lại sau');

    await page.getByRole('link', { name: 'Quay lại hồ sơ' }).click();
    const sheetAnswer = await captureForm(page, 'control-sheet');
    await forms.getByRole('link', { name: /^Mẫu 06/ }).click();
    const sheet = squeeze(await pdfText((await shownPdf(page, 'Phiếu kiểm soát quá trình giải quyết hồ sơ', sheetAnswer)).pdf));
    expect(sheet).toContain('PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ');
    expect(sheet).toContain(d.code);
    expect(sheet).toContain('Yêu cầu bổ sung');
    await screenshot(page, '51-control-sheet-pdf');

    // A form the dossier does not have, opened by its address: said in Vietnamese, nothing to print.
    await page.goto(`/ho-so/${d.id}/thu-xin-loi`);
    await page.getByText(`Hồ sơ ${d.code} không có mẫu 04 (Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết): hồ sơ chưa được gia hạn thời gian giải quyết.`).waitFor();
    await page.context().close();
  });

  it('lets anyone look a dossier up by its code without signing in: status and dates, never the applicant', async () => {
    const d = await receive(t, { procedureCode: '1.001193', agencyCode: 'H12.01', fullName: 'Đỗ Thị Giang', headers: RECEPTION });
    const { lookupKey } = (await getDossier(t, d.id)) as unknown as { lookupKey: string };
    expect(lookupKey).toMatch(/\S/);
    const page = await t.newPage();
    // As the receipt's QR code opens it: the code and the lookup key, the result at once without typing anything.
    await page.goto(`/tra-cuu?ma=${encodeURIComponent(d.code)}&k=${encodeURIComponent(lookupKey)}`);
    await page.getByRole('heading', { name: `Hồ sơ ${d.code}` }).waitFor();
    await expect(page.getByLabel('Mã hồ sơ').inputValue()).resolves.toBe(d.code);
    // The key stays in the form, never on screen.
    await expect(page.locator('form[role="search"] input[type="hidden"][name="k"]').inputValue()).resolves.toBe(lookupKey);
    expect((await page.locator('body').innerText()).includes(lookupKey)).toBe(false);
    // Looking the same code up again keeps the key with it.
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    expect(new URL(page.url()).searchParams.get('k')).toBe(lookupKey);
    await expect(text(page, 'public-status')).resolves.toBe('Đang giải quyết');
    await page.getByText('Đăng ký thành lập hộ kinh doanh').waitFor();
    expect(await text(page, 'public-due')).toContain(appointmentParts(d.dueAt).dateTime);
    await page.getByText(appointmentParts(d.receivedAt).dateTime).waitFor();
    const body = (await page.locator('body').textContent()) ?? '';
    expect(body).not.toContain('Đỗ Thị Giang');
    expect(body).not.toContain('001090012345');
    await expect(page.getByRole('button', { name: 'Đăng xuất' }).count()).resolves.toBe(0);
    await expect(page.getByRole('link', { name: 'Đăng nhập cho cán bộ' }).getAttribute('href')).resolves.toBe('/dang-nhap');
    await screenshot(page, '14-public-lookup');

    const phone = await t.newPage({ viewport: { width: 390, height: 844 } });
    await phone.goto(`/tra-cuu?ma=${encodeURIComponent(d.code)}`);
    await phone.getByRole('heading', { name: `Hồ sơ ${d.code}` }).waitFor();
    expect(await phone.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await screenshot(phone, '16-public-lookup-phone');

    await page.getByLabel('Mã hồ sơ').fill('H12.01-261123-9999');
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    await page.getByRole('alert').filter({ hasText: 'Không tìm thấy hồ sơ có mã H12.01-261123-9999' }).waitFor();
    expect(new URL(page.url()).searchParams.get('ma')).toBe('H12.01-261123-9999');
    // Another dossier's code: this dossier's key is not sent with it.
    expect(new URL(page.url()).searchParams.get('k')).toBeNull();
    await page.context().close();
    await phone.context().close();
  });

  // Last: it uses up this address's public rate limit for the minute.
  it('tells the citizen to wait when the public lookup is rate-limited', async () => {
    let status = 0;
    for (let i = 0; i < 200 && status !== 429; i++) status = (await t.raw.get('/api/v1/public/dossiers/H12.01-261123-8888')).status;
    expect(status).toBe(429);
    const page = await t.newPage();
    await page.goto('/tra-cuu?ma=H12.01-261123-8888');
    await page.getByRole('alert').filter({ hasText: 'Bạn đã tra cứu quá nhiều lần trong thời gian ngắn' }).waitFor();
    await page.context().close();
  });
});
