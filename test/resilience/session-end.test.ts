/**
 * A session that ends the way Suite pages end one: the API call is redirected to an HTML sign-in
 * page. That is an expired session, said as such, with the unauthorized event for the host.
 */
import { expect, oneEvent } from '@open-wc/testing';
import { stringsFor } from '../../src/i18n/resolve.js';
import { backend, button, hasButton, mount, openRequest, until, visibleText, windowText } from '../support/helpers.js';

const pt = stringsFor('pt-BR');

afterEach(() => backend.reset('empty'));

describe('a session that ends in a redirect', () => {
  it('a 302 to an HTML sign-in page on the list: the session-expired message, the unauthorized event, a retry', async () => {
    const el = await mount('typical');
    backend.failNext('login-redirect');
    const unauthorized = oneEvent(el, 'account-backup-unauthorized');
    button(el, 'Atualizar lista').click();
    const event = await unauthorized;
    expect(event.detail).to.deep.equal({ operation: 'list' });
    await until(() => visibleText(el).includes(pt.errors.unauthorized), 'the session-expired message was not shown');
    expect(visibleText(el)).not.to.contain(pt.errors.invalid_response);
    expect(hasButton(el, 'Tentar novamente')).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('on the confirmation: the window says the session expired, and nothing is lost', async () => {
    const el = await mount('empty');
    await openRequest(el);
    backend.failNext('login-redirect');
    const unauthorized = oneEvent(el, 'account-backup-unauthorized');
    button(el, 'Solicitar backup').click();
    expect((await unauthorized).detail).to.deep.equal({ operation: 'request' });
    await until(() => windowText(el).includes(pt.errors.unauthorized), 'the window did not say the session expired');
    expect(hasButton(el, 'Tentar novamente')).to.equal(true);
    await expect(el).to.be.accessible();
  });
});
