import { currentUser, homeFor, signIn } from './api.js';

const existing = currentUser();
if (existing) location.replace(homeFor(existing.roles));

const form = document.getElementById('signin-form');
const error = document.getElementById('signin-error');
const submit = document.getElementById('signin-submit');

form.addEventListener('submit', async event => {
  event.preventDefault();
  error.textContent = '';
  const username = form.username.value.trim();
  const password = form.password.value;
  if (!username || !password) {
    error.textContent = 'Enter your username and password.';
    (username ? form.password : form.username).focus();
    return;
  }
  submit.disabled = true;
  try {
    const user = await signIn(username, password);
    location.assign(homeFor(user.roles));
  } catch (e) {
    error.textContent = e.message;
    form.password.select();
  } finally {
    submit.disabled = false;
  }
});
