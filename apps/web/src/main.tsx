document.getElementById('root')!.textContent = 'ITSM';
